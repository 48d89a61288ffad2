package ai.fonella.samples.kotlinorderdesk

import ai.fonella.tool.FonellaTool
import ai.fonella.tool.ToolParam
import ai.fonella.tool.ToolResultException
import java.util.concurrent.CopyOnWriteArrayList
import org.springframework.stereotype.Component

/** A request for a callback: a data class as the tool's only parameter, flattened into its arguments. */
data class CallbackRequest(
    @field:ToolParam(description = "The caller's phone number in E.164 form, e.g. +4915112345678")
    val phoneNumber: String,
    val topic: String,
    val channel: Channel = Channel.PHONE,
    val preferredTime: String? = null,
)

/**
 * The tools the assistant calls during a call. Written as a Kotlin developer writes them: a nullable
 * parameter and parameters with default values are optional arguments, `suspend` functions are
 * awaited within the tool's deadline, a data class is the arguments object.
 */
@Component
class OrderTools(private val orders: OrderRepository) {

    /** The callbacks booked so far; a real app would store them. */
    val callbacks: MutableList<CallbackRequest> = CopyOnWriteArrayList()

    @FonellaTool(description = "Look up the status of a customer order by order number")
    suspend fun lookupOrder(orderNumber: String, channel: Channel = Channel.PHONE, note: String? = null): String =
        orders.find(orderNumber)?.let { order ->
            val delivery = order.deliveryDate?.let { " It should arrive on $it." } ?: ""
            val follow = if (channel == Channel.PHONE) "" else " We will also send the details by ${channel.name.lowercase()}."
            "Order ${order.number} (${order.item}) is ${order.status}.$delivery$follow" + (note?.let { " Noted: $it." } ?: "")
        } ?: throw ToolResultException("I could not find order $orderNumber. Could you check the number?")

    @FonellaTool(description = "Book a callback for the caller about a topic")
    fun bookCallback(request: CallbackRequest): String {
        callbacks += request
        val time = request.preferredTime?.let { " at $it" } ?: " as soon as possible"
        return "We will contact you by ${request.channel.name.lowercase()} on ${request.phoneNumber}$time."
    }
}
