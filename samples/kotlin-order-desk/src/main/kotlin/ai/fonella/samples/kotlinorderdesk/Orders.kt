package ai.fonella.samples.kotlinorderdesk

import java.time.LocalDate
import java.util.concurrent.ConcurrentHashMap
import kotlinx.coroutines.delay
import org.springframework.stereotype.Repository

/** How the customer wants to hear about an order. */
enum class Channel { PHONE, SMS, EMAIL }

/** One order of the shop. */
data class Order(val number: String, val item: String, val status: String, val deliveryDate: LocalDate?)

/**
 * The shop's orders. A suspending repository, as one over R2DBC or a web client would be; in memory
 * here so that the sample runs anywhere.
 */
@Repository
class OrderRepository {

    private val orders = ConcurrentHashMap(
        listOf(
            Order("A-1001", "one blue teapot", "shipped", LocalDate.now().plusDays(2)),
            Order("A-1002", "two espresso cups", "being packed", null),
        ).associateBy { it.number },
    )

    /** Simulated latency of a remote store, so that the deadline can be seen at work. */
    @Volatile
    var latencyMillis: Long = 5

    suspend fun find(number: String): Order? {
        delay(latencyMillis)
        return orders[number.uppercase()]
    }
}
