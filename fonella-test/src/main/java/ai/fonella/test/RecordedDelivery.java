package ai.fonella.test;

import ai.fonella.model.EventType;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * One attempt to deliver a webhook event to one subscription.
 *
 * @param eventId the event's id; a redelivery carries the same id
 * @param eventType the event's type
 * @param webhookId the subscription delivered to
 * @param url the URL posted to
 * @param attempt 1 for the first attempt, 2 for the first retry, ...
 * @param status the receiver's HTTP status, or {@code null} when it did not answer
 * @param error why the attempt failed, or {@code null} when it succeeded
 * @param timestamp when the attempt was made, by the emulator's clock
 * @param duration how long the attempt took
 * @param body the exact JSON body sent
 * @param headers the signature and content headers sent
 */
public record RecordedDelivery(
        String eventId,
        EventType eventType,
        String webhookId,
        String url,
        int attempt,
        Integer status,
        String error,
        Instant timestamp,
        Duration duration,
        String body,
        Map<String, String> headers) {

    /** Copies the headers. */
    public RecordedDelivery {
        headers = Map.copyOf(headers);
    }

    /**
     * Whether the receiver answered with a 2xx status.
     *
     * @return {@code true} for a successful attempt
     */
    public boolean succeeded() {
        return error == null && status != null && status >= 200 && status < 300;
    }

    /** Leaves out the body and the signature values. */
    @Override
    public String toString() {
        return "RecordedDelivery[" + eventType.wireName() + " " + eventId + " -> " + url + ", attempt " + attempt
                + ", " + (succeeded() ? "status " + status : "failed: " + error) + "]";
    }
}
