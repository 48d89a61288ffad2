package ai.fonella.samples.kotlinorderdesk

import ai.fonella.client.FonellaClient
import ai.fonella.spring.boot.test.AutoConfigureFonellaEmulator
import ai.fonella.test.CallScript
import ai.fonella.test.FonellaEmulator
import ai.fonella.tool.ToolCatalog
import ai.fonella.tool.ToolDefinitions
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Test
import org.springframework.beans.factory.annotation.Autowired
import org.springframework.boot.test.context.SpringBootTest
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment
import org.springframework.test.context.TestPropertySource
import tools.jackson.databind.json.JsonMapper

/**
 * The Kotlin app against the Fonella emulator: the starter registers the Kotlin tools with the
 * emulator at the app's random port, and simulated calls reach them over real HTTP, as Fonella would.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureFonellaEmulator
@TestPropertySource(properties = ["fonella.tools.timeout=1s"])
class KotlinOrderDeskIT(
    @Autowired private val emulator: FonellaEmulator,
    @Autowired private val client: FonellaClient,
    @Autowired private val orders: OrderRepository,
    @Autowired private val tools: OrderTools,
    @Autowired private val events: CallEvents,
) {

    private val json = JsonMapper.builder().build()

    @AfterEach
    fun fastAgain() {
        orders.latencyMillis = 5
    }

    @Test
    fun `registered schemas require only what Kotlin requires`() {
        val registered = client.tools().list().associateBy { it.name() }
        val lookup = registered.getValue("lookupOrder").inputSchema()
        assertThat(lookup["required"].strings()).isEqualTo(listOf("orderNumber"))
        assertThat(lookup["properties"].propertyNames().toList()).isEqualTo(listOf("orderNumber", "channel", "note"))
        val callback = registered.getValue("bookCallback").inputSchema()
        assertThat(callback["required"].strings()).isEqualTo(listOf("phoneNumber", "topic"))
    }

    @Test
    fun `the build's tool catalog holds Kotlin's schemas and still describes the running methods`() {
        val catalog = ToolCatalog.load(javaClass.classLoader)
        assertThat(catalog.isEmpty).`as`("process-aot wrote %s", ToolCatalog.RESOURCE).isFalse()
        for (method in ToolDefinitions.findToolMethods(OrderTools::class.java)) {
            val lookup = catalog.schema(OrderTools::class.java, method)
            assertThat(lookup.whyNot()).isNull()
            assertThat(lookup.schema()).isEqualTo(ToolDefinitions.of(OrderTools::class.java, method).inputSchema())
        }
    }

    @Test
    fun `a call with only the required arguments gets the defaults, and the summary is stored by a suspend handler`() {
        val call = emulator.placeCall(
            CallScript.builder()
                .from("+4915112345678")
                .user("Where is my order A-1001?")
                .toolCall("lookupOrder", mapOf("orderNumber" to "A-1001"))
                .user("Please call me back.")
                .toolCall("bookCallback", mapOf("phoneNumber" to "+4915112345678", "topic" to "Delivery"))
                .endedBy("customer-ended")
                .summary("Asked about A-1001; callback booked.")
                .build(),
        )

        val invocations = emulator.toolInvocations().filter { it.callId() == call.id() }
        assertThat(invocations.map { it.toolName() to it.succeeded() })
            .isEqualTo(listOf("lookupOrder" to true, "bookCallback" to true))
        assertThat(invocations[0].result()).startsWith("Order A-1001 (one blue teapot) is shipped. It should arrive on ")
            .doesNotContain("Noted").doesNotContain("by sms")
        assertThat(invocations[1].result()).isEqualTo("We will contact you by phone on +4915112345678 as soon as possible.")
        assertThat(tools.callbacks.single()).isEqualTo(CallbackRequest("+4915112345678", "Delivery"))
        assertThat(events.summaries[call.id()]).isEqualTo("Asked about A-1001; callback booked.")
        assertThat(emulator.deliveries().filter { it.body().contains(call.id()) }).isNotEmpty.allSatisfy {
            assertThat(it.succeeded()).isTrue()
        }
    }

    @Test
    fun `arguments that are sent replace the defaults`() {
        val answer = emulator.invokeTool("lookupOrder",
            json.readTree("""{"orderNumber":"A-1002","channel":"SMS","note":"gift wrap"}"""))

        assertThat(answer.result()).isEqualTo(
            "Order A-1002 (two espresso cups) is being packed. We will also send the details by sms. Noted: gift wrap.")
    }

    @Test
    fun `an unknown order is spoken as the tool said, and a missing argument is named`() {
        assertThat(emulator.invokeTool("lookupOrder", json.readTree("""{"orderNumber":"Z-9"}""")).result())
            .isEqualTo("I could not find order Z-9. Could you check the number?")
        assertThat(emulator.invokeTool("lookupOrder", json.readTree("""{"channel":"SMS"}""")).result())
            .isEqualTo("The argument 'orderNumber' is missing.")
    }

    @Test
    fun `a suspend tool that misses its deadline is cancelled and the fallback is spoken`() {
        orders.latencyMillis = 10_000

        val answer = emulator.invokeTool("lookupOrder", json.readTree("""{"orderNumber":"A-1001"}"""))

        assertThat(answer.result()).isEqualTo("Sorry, that is taking longer than expected. Please try again in a moment.")
        assertThat(answer.duration()).isLessThan(java.time.Duration.ofSeconds(3))
    }
}

private fun tools.jackson.databind.JsonNode.strings(): List<String> = iterator().asSequence().map { it.asString() }.toList()
