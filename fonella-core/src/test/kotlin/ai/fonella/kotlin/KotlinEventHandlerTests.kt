package ai.fonella.kotlin

import ai.fonella.event.EventDispatcher
import ai.fonella.event.HandlerOutcome
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.Test

/** Suspending event handlers keep the dispatcher's deduplication and failure semantics. */
class KotlinEventHandlerTests {

    private val body = KotlinEventHandlerTests::class.java.getResourceAsStream("/events/call-summary.json")!!.readAllBytes()

    @Test
    fun `a suspend handler runs to completion once per event`() {
        val handlers = KotlinHandlers()
        val dispatcher = EventDispatcher.builder().listener(handlers).build()

        val first = dispatcher.dispatch(body)
        val redelivery = dispatcher.dispatch(body)

        assertThat(first.isSuccess).isTrue()
        assertThat(first.outcomes()).extracting<HandlerOutcome.Status> { it.status() }
            .containsExactly(HandlerOutcome.Status.SUCCEEDED)
        assertThat(redelivery.outcomes()).extracting<HandlerOutcome.Status> { it.status() }
            .containsExactly(HandlerOutcome.Status.SKIPPED_DUPLICATE)
        assertThat(handlers.summaries).containsExactly("evt_summary_1")
    }

    @Test
    fun `a failing suspend handler is reported with its own exception and runs again on redelivery`() {
        val handlers = KotlinHandlers()
        val failure = IllegalStateException("database down")
        handlers.failure = failure
        val dispatcher = EventDispatcher.builder().listener(handlers).build()

        val failed = dispatcher.dispatch(body)
        handlers.failure = null
        val retry = dispatcher.dispatch(body)

        assertThat(failed.httpStatus()).isEqualTo(500)
        assertThat(failed.failures()).singleElement().satisfies({
            assertThat(it.handlerId()).endsWith("#onSummary(CallSummaryEvent)")
            assertThat(it.error()).isSameAs(failure)
        })
        assertThat(retry.httpStatus()).isEqualTo(200)
        assertThat(handlers.summaries).containsExactly("evt_summary_1")
    }
}
