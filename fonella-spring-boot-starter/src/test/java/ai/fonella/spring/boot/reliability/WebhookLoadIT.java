package ai.fonella.spring.boot.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import ai.fonella.model.EventType;
import ai.fonella.model.Webhook;
import ai.fonella.test.BulkDelivery;
import ai.fonella.test.FonellaEmulator;
import ai.fonella.test.RecordedDelivery;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 8, item 11: the emulator delivers {@value #EVENTS} events, {@value #CONCURRENCY} at a time,
 * while 1 % of the handler's calls fail at random. Every event is handled exactly once in the end,
 * none is lost, and the subscription stays enabled. {@code -Dfonella.reliability.load-events=N}
 * changes the number of events.
 */
@ReliabilityAppTest
class WebhookLoadIT {

    static final int EVENTS = Integer.getInteger("fonella.reliability.load-events", 10_000);
    static final int CONCURRENCY = 32;

    @Autowired
    FonellaEmulator emulator;

    @Autowired
    ProbeHandlers handlers;

    @AfterEach
    void stopFailing() {
        handlers.transcriptFailurePercent = 0;
    }

    @Test
    void handlesEveryEventExactlyOnceWhileOnePercentOfHandlerCallsFail() {
        handlers.transcriptFailurePercent = 1;
        handlers.transcriptFailures.set(0);
        emulator.clearRecordings();

        BulkDelivery delivery = emulator.deliverEvents(emulator.defaultAccount(), EventType.CALL_TRANSCRIPT, EVENTS,
                CONCURRENCY);

        System.out.printf("Delivered %d events at concurrency %d in %d ms: %d attempts, %d handler failures%n",
                EVENTS, CONCURRENCY, delivery.elapsed().toMillis(), delivery.attempts(),
                handlers.transcriptFailures.get());
        Set<String> ids = new HashSet<>(delivery.eventIds());
        assertThat(ids).hasSize(EVENTS);
        assertThat(delivery.failed()).as("events given up after all retries").isZero();
        assertThat(delivery.delivered()).isEqualTo(EVENTS);
        // each event handled exactly once, and nothing handled that was not sent
        Map<String, AtomicInteger> handled = handlers.transcriptHandled;
        assertThat(handled.keySet()).containsAll(ids);
        assertThat(ids).allSatisfy(id -> assertThat(handled.get(id)).as(id).hasValue(1));
        // the failures happened, each answered 500 and was retried
        List<RecordedDelivery> attempts = emulator.deliveries().stream()
                .filter(attempt -> ids.contains(attempt.eventId())).toList();
        long failedAttempts = attempts.stream().filter(attempt -> !attempt.succeeded()).count();
        assertThat(handlers.transcriptFailures.get()).isPositive();
        assertThat(failedAttempts).isEqualTo(handlers.transcriptFailures.get());
        assertThat(attempts).filteredOn(attempt -> !attempt.succeeded())
                .allSatisfy(attempt -> assertThat(attempt.status()).isEqualTo(500));
        assertThat(attempts).hasSize(EVENTS + (int) failedAttempts);
        // and the platform kept the subscription
        List<Webhook> webhooks = emulator.client().webhooks().list();
        assertThat(webhooks).singleElement().satisfies(webhook -> {
            assertThat(webhook.enabled()).isTrue();
            assertThat(webhook.failureCount()).isLessThan(10);
        });
        assertThat(delivery.elapsed()).isLessThan(Duration.ofMinutes(5));
    }
}
