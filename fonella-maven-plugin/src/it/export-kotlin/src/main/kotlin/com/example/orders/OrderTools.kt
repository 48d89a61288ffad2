package com.example.orders

import ai.fonella.tool.FonellaTool
import ai.fonella.tool.ToolResultException

enum class Channel { PHONE, SMS, EMAIL }

data class CallbackRequest(val phoneNumber: String, val topic: String, val channel: Channel = Channel.PHONE, val preferredTime: String? = null)

/** Compiled without -java-parameters: the names come from Kotlin's metadata, as in the app. */
class OrderTools {

    @FonellaTool(description = "Look up the status of a customer order by order number")
    suspend fun lookupOrder(orderNumber: String, channel: Channel = Channel.PHONE, note: String? = null): String =
        throw ToolResultException("I could not find order $orderNumber.")

    @FonellaTool(description = "Book a callback for the caller about a topic")
    fun bookCallback(request: CallbackRequest): String = "Booked: $request"

    @FonellaTool(description = "Tag an order")
    fun tagOrder(orderNumber: String, tags: List<String>, counts: Map<String, Int> = emptyMap()) {
    }
}
