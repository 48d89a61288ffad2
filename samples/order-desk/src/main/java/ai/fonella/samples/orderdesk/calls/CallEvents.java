package ai.fonella.samples.orderdesk.calls;

import ai.fonella.event.CallEndedEvent;
import ai.fonella.event.CallSummaryEvent;
import ai.fonella.event.CallTranscriptEvent;
import ai.fonella.event.OnFonellaEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Handles the webhook events of finished calls. The starter subscribes to exactly the types
 * handled here, verifies each delivery's signature and drops duplicates it has already handled;
 * a handler that throws makes the delivery fail (HTTP 500) so that Fonella redelivers it.
 */
@Component
public class CallEvents {

    private static final Logger log = LoggerFactory.getLogger(CallEvents.class);

    private final CallRepository calls;

    public CallEvents(CallRepository calls) {
        this.calls = calls;
    }

    @OnFonellaEvent
    public void onEnded(CallEndedEvent event) {
        if (event.call() == null) {
            log.warn("Event {} carries no call; ignored", event.id());
            return;
        }
        calls.recordEnded(event.call());
        log.info("Call {} ended ({}, {} s); stored", event.call().id(), event.endedReason(), event.call().duration());
    }

    @OnFonellaEvent
    public void onSummary(CallSummaryEvent event) {
        if (event.call() == null) {
            log.warn("Event {} carries no call; ignored", event.id());
            return;
        }
        calls.recordSummary(event.call().id(), event.summary());
        log.info("Call {} summary stored", event.call().id());
        log.debug("Call {} summary: {}", event.call().id(), event.summary()); // personal data: DEBUG only
    }

    /**
     * One finished utterance, while the call is still running. Transcripts are personal data, so they
     * are logged at DEBUG only (the demo turns it on for this class).
     */
    @OnFonellaEvent
    public void onTranscript(CallTranscriptEvent event) {
        if (event.message() != null && log.isDebugEnabled()) {
            log.debug("{} {}: {}", event.call() == null ? "?" : event.call().id(), event.message().role(),
                    event.message().text());
        }
    }
}
