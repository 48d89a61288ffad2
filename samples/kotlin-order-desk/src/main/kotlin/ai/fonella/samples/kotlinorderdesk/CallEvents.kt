package ai.fonella.samples.kotlinorderdesk

import ai.fonella.event.CallEndedEvent
import ai.fonella.event.CallSummaryEvent
import ai.fonella.event.OnFonellaEvent
import java.util.concurrent.ConcurrentHashMap
import kotlinx.coroutines.delay
import org.slf4j.LoggerFactory
import org.springframework.stereotype.Component

/**
 * What happens after a call: suspending event handlers. Each runs to completion before the webhook
 * is answered, once per event (a redelivery skips it), and a failure makes Fonella redeliver.
 */
@Component
class CallEvents {

    private val log = LoggerFactory.getLogger(CallEvents::class.java)

    /** Call id to summary; a real app would store it in its database. */
    val summaries: MutableMap<String, String> = ConcurrentHashMap()

    @OnFonellaEvent
    suspend fun onSummary(event: CallSummaryEvent) {
        delay(1) // e.g. a suspending database write
        summaries[event.call().id()] = event.summary()
        log.info("Call {} summary stored", event.call().id())
    }

    @OnFonellaEvent
    fun onEnded(event: CallEndedEvent) {
        log.info("Call {} ended ({})", event.call().id(), event.call().endedReason())
    }
}
