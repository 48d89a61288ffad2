package ai.fonella.kotlin

import ai.fonella.tool.ToolArguments
import ai.fonella.tool.ToolCallContext
import ai.fonella.tool.ToolDefinitions
import ai.fonella.tool.ToolInvoker
import ai.fonella.tool.ToolOutcome
import java.time.Duration
import java.util.concurrent.CompletableFuture
import java.util.concurrent.TimeUnit
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Test
import tools.jackson.databind.json.JsonMapper

/** Binding and invoking Kotlin tools through the one tool path, in all three ways an invoker runs a tool. */
class KotlinToolInvocationTests {

    private val tools = KotlinOrderTools()
    private val definitions = ToolDefinitions.fromClass(KotlinOrderTools::class.java).associateBy { it.name() }
    private val invoker = ToolInvoker.builder().build()

    @AfterEach
    fun close() = invoker.close()

    private fun invoke(tool: String, json: String): ToolOutcome =
        invoker.invoke(invoker.prepare(definitions.getValue(tool), tools), ToolArguments.json(json), ToolCallContext.empty())

    private fun invokeInline(tool: String, json: String): ToolOutcome {
        val outcome = CompletableFuture<ToolOutcome>()
        invoker.invokeInline(invoker.prepare(definitions.getValue(tool), tools), ToolArguments.json(json),
            ToolCallContext.empty()) { outcome.complete(it) }
        return outcome.get(5, TimeUnit.SECONDS)
    }

    private fun invokeOnExecutor(tool: String, json: String): ToolOutcome {
        val outcome = CompletableFuture<ToolOutcome>()
        invoker.invokeOnExecutor(invoker.prepare(definitions.getValue(tool), tools), ToolArguments.json(json),
            ToolCallContext.empty(), System.nanoTime()) { outcome.complete(it) }
        return outcome.get(5, TimeUnit.SECONDS)
    }

    @Test
    fun `absent defaulted arguments take their Kotlin defaults, not null or zero`() {
        assertThat(invoke("lookupOrder", """{"orderNumber":"A-1"}""").result())
            .isEqualTo("Order A-1 via PHONE, note null, count 3.")
    }

    @Test
    fun `arguments that are sent replace the defaults`() {
        assertThat(invoke("lookupOrder", """{"orderNumber":"A-1","channel":"SMS","note":"gift","count":5}""").result())
            .isEqualTo("Order A-1 via SMS, note gift, count 5.")
    }

    @Test
    fun `null for an optional argument is refused by name, as the schema declares nothing nullable`() {
        val outcome = invoke("lookupOrder", """{"orderNumber":"A-1","channel":null}""")
        assertThat(outcome.status()).isEqualTo(ToolOutcome.Status.BAD_ARGUMENTS)
        assertThat(outcome.result()).isEqualTo("The argument 'channel' must not be null; leave it out when there is no value.")
    }

    @Test
    fun `a nullable argument without a default binds to null when absent`() {
        assertThat(invoke("annotate", """{"orderNumber":"A-1"}""").result()).isEqualTo("Order A-1: no note.")
        assertThat(invoke("annotate", """{"orderNumber":"A-1","note":"fragile"}""").result())
            .isEqualTo("Order A-1: fragile.")
    }

    @Test
    fun `null or nothing for a non-null argument is a spoken argument error naming it`() {
        for (json in listOf("""{}""", """{"orderNumber":null}""")) {
            val outcome = invoke("lookupOrder", json)
            assertThat(outcome.status()).isEqualTo(ToolOutcome.Status.BAD_ARGUMENTS)
            assertThat(outcome.result()).contains("'orderNumber'")
        }
    }

    @Test
    fun `a data class parameter binds with its defaults`() {
        assertThat(invoke("findOrders", """{"orderNumber":"A-1","tags":["x"]}""").result())
            .isEqualTo("OrderQuery(orderNumber=A-1, channel=PHONE, note=null, count=3, tags=[x])")
        assertThat(invoke("findOrders", """{"orderNumber":"A-1","channel":"EMAIL","count":1}""").result())
            .isEqualTo("OrderQuery(orderNumber=A-1, channel=EMAIL, note=null, count=1, tags=[])")
        val missing = invoke("findOrders", """{"channel":"EMAIL"}""")
        assertThat(missing.status()).isEqualTo(ToolOutcome.Status.BAD_ARGUMENTS)
        assertThat(missing.result()).contains("'orderNumber'")
    }

    @Test
    fun `a custom mapper without the Kotlin module still binds data classes`() {
        ToolInvoker.builder().jsonMapper(JsonMapper.builder().build()).build().use { custom ->
            val outcome = custom.invoke(custom.prepare(definitions.getValue("findOrders"), tools),
                ToolArguments.json("""{"orderNumber":"A-1"}"""), ToolCallContext.empty())
            assertThat(outcome.result()).isEqualTo("OrderQuery(orderNumber=A-1, channel=PHONE, note=null, count=3, tags=[])")
        }
    }

    @Test
    fun `a nested data class binds with Kotlin's rules`() {
        assertThat(invoke("ship", """{"orderNumber":"A-1","address":{"street":"Main 1","city":"Bern"}}""").result())
            .isEqualTo("Order A-1 to Main 1, Bern (no zip), express false.")
        val missing = invoke("ship", """{"orderNumber":"A-1","address":{"street":"Main 1"}}""")
        assertThat(missing.status()).isEqualTo(ToolOutcome.Status.BAD_ARGUMENTS)
        assertThat(missing.result()).contains("'address.city'")
    }

    @Test
    fun `lists, maps and enums bind`() {
        assertThat(invoke("tag", """{"tags":["a","b"],"counts":{"north":2}}""").result())
            .isEqualTo("tags [a, b], counts {north=2}, channels [SMS]")
    }

    @Test
    fun `a tool returning Unit speaks the done text`() {
        assertThat(invoke("remember", """{"note":"call back"}""").result()).isEqualTo(ToolInvoker.DEFAULT_DONE_TEXT)
        assertThat(invoke("rememberLater", """{"note":"later"}""").result()).isEqualTo(ToolInvoker.DEFAULT_DONE_TEXT)
        assertThat(tools.notes).containsExactly("call back", "later")
    }

    @Test
    fun `suspend tools are awaited in every way the invoker runs a tool`() {
        val json = """{"orderNumber":"A-1"}"""
        for (outcome in listOf(invoke("lookupLater", json), invokeInline("lookupLater", json),
            invokeOnExecutor("lookupLater", json))) {
            assertThat(outcome.status()).isEqualTo(ToolOutcome.Status.SUCCESS)
            assertThat(outcome.result()).isEqualTo("Order A-1 is on its way.")
        }
    }

    @Test
    fun `a suspend tool's ToolResultException is spoken`() {
        val outcome = invokeInline("missingOrder", """{"orderNumber":"A-9"}""")
        assertThat(outcome.status()).isEqualTo(ToolOutcome.Status.ERROR)
        assertThat(outcome.result()).isEqualTo("I could not find order A-9.")
    }

    @Test
    fun `at the deadline a suspend tool's coroutine is cancelled and the fallback spoken`() {
        val started = System.nanoTime()
        val outcome = invokeInline("slowLookup", """{"orderNumber":"A-1"}""")
        assertThat(outcome.status()).isEqualTo(ToolOutcome.Status.TIMEOUT)
        assertThat(outcome.result()).isEqualTo(ToolInvoker.DEFAULT_TIMEOUT_TEXT)
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3))
        assertThat(tools.cancelled.await(2, TimeUnit.SECONDS)).`as`("coroutine cancelled").isTrue()
    }

    @Test
    fun `at the deadline a suspend tool run by invoke is cancelled too`() {
        val outcome = invoke("slowLookup", """{"orderNumber":"A-1"}""")
        assertThat(outcome.status()).isEqualTo(ToolOutcome.Status.TIMEOUT)
        assertThat(tools.cancelled.await(2, TimeUnit.SECONDS)).`as`("coroutine cancelled").isTrue()
    }
}
