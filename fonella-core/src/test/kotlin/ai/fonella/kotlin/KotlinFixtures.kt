package ai.fonella.kotlin

import ai.fonella.event.OnFonellaEvent
import ai.fonella.event.CallSummaryEvent
import ai.fonella.tool.FonellaTool
import ai.fonella.tool.ToolParam
import ai.fonella.tool.ToolResultException
import java.util.concurrent.CountDownLatch
import java.util.concurrent.CopyOnWriteArrayList
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.delay

/** How an order reaches the customer. */
enum class Channel { PHONE, SMS, EMAIL }

/** A data class as the only parameter: flattened like a record, with Kotlin's rules per property. */
data class OrderQuery(
    val orderNumber: String,
    val channel: Channel = Channel.PHONE,
    val note: String? = null,
    val count: Int = 3,
    val tags: List<String> = emptyList(),
)

/** A data class nested in an argument. */
data class Address(val street: String, val city: String, val zip: String? = null)

/**
 * Kotlin tools as a Kotlin developer writes them. Compiled without `-java-parameters`, so the
 * argument names can only come from Kotlin's own metadata.
 */
class KotlinOrderTools {

    /** Cancelled coroutines of [slowLookup], counted down when the deadline cancels one. */
    val cancelled = CountDownLatch(1)

    val notes: MutableList<String> = CopyOnWriteArrayList()

    @FonellaTool(description = "Look up the status of a customer order by order number")
    fun lookupOrder(orderNumber: String, channel: Channel = Channel.PHONE, note: String? = null, count: Int = 3): String =
        "Order $orderNumber via $channel, note $note, count $count."

    @FonellaTool(description = "Note something about an order, the note may be null")
    fun annotate(orderNumber: String, @ToolParam(description = "The note, if any") note: String?): String =
        "Order $orderNumber: ${note ?: "no note"}."

    @FonellaTool(description = "Find orders matching a query")
    fun findOrders(query: OrderQuery): String = query.toString()

    @FonellaTool(description = "Ship an order to an address")
    fun ship(orderNumber: String, address: Address, express: Boolean = false): String =
        "Order $orderNumber to ${address.street}, ${address.city} ${address.zip ?: "(no zip)"}, express $express."

    @FonellaTool(description = "Tag orders and count items per warehouse")
    fun tag(tags: List<String>, counts: Map<String, Int>, channels: List<Channel> = listOf(Channel.SMS)): String =
        "tags $tags, counts $counts, channels $channels"

    @FonellaTool(description = "Record a note")
    fun remember(note: String) {
        notes += note
    }

    @FonellaTool(description = "Look up the status of an order, suspending")
    suspend fun lookupLater(orderNumber: String, delayMillis: Long = 10): String {
        delay(delayMillis)
        return "Order $orderNumber is on its way."
    }

    @FonellaTool(description = "A lookup that takes too long", timeout = "300ms")
    suspend fun slowLookup(orderNumber: String): String {
        try {
            delay(10_000)
        } catch (e: CancellationException) {
            cancelled.countDown()
            throw e
        }
        return "too late for $orderNumber"
    }

    @FonellaTool(description = "Record a note, suspending")
    suspend fun rememberLater(note: String) {
        delay(5)
        notes += note
    }

    @FonellaTool(description = "Look up an order that does not exist")
    suspend fun missingOrder(orderNumber: String): String {
        delay(5)
        throw ToolResultException("I could not find order $orderNumber.")
    }
}

/** Suspending event handlers. */
class KotlinHandlers {

    val summaries: MutableList<String> = CopyOnWriteArrayList()

    @Volatile
    var failure: RuntimeException? = null

    @OnFonellaEvent
    suspend fun onSummary(event: CallSummaryEvent) {
        delay(5)
        failure?.let { throw it }
        summaries += event.id()
    }
}
