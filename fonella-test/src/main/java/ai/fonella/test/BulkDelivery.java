package ai.fonella.test;

import java.time.Duration;
import java.util.List;

/**
 * What {@link FonellaEmulator#deliverEvents} did.
 *
 * @param eventIds the ids of the events created, one per event
 * @param attempts HTTP delivery attempts made, retries included
 * @param delivered (event, subscription) pairs that were delivered in the end
 * @param failed (event, subscription) pairs that were not delivered, even after retries
 * @param elapsed wall-clock time from the first event to the last answer
 */
public record BulkDelivery(List<String> eventIds, int attempts, int delivered, int failed, Duration elapsed) {

    /** Copies the ids. */
    public BulkDelivery {
        eventIds = List.copyOf(eventIds);
    }
}
