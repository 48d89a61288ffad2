package ai.fonella.model;

import ai.fonella.internal.Copies;
import ai.fonella.support.Secrets;
import java.time.Instant;
import java.util.List;

/**
 * A webhook subscription.
 *
 * <p>The published reference omits {@code url} from the response example; Fonella for Java reads it
 * when the API sends it and leaves it {@code null} otherwise.
 *
 * @param webhookId unique identifier
 * @param url the HTTPS URL deliveries are posted to, when the API returns it
 * @param events subscribed event types
 * @param secret the signing secret for HMAC-SHA-256 signature verification
 * @param enabled whether deliveries are sent
 * @param description optional human-readable description
 * @param failureCount consecutive failed deliveries; reset to 0 when the webhook is re-enabled
 * @param lastDeliveredAt time of the last successful delivery, or {@code null}
 * @param lastFailedAt time of the last failed delivery, or {@code null}
 * @param createdAt when the subscription was created
 */
public record Webhook(
        String webhookId,
        String url,
        List<EventType> events,
        String secret,
        boolean enabled,
        String description,
        int failureCount,
        Instant lastDeliveredAt,
        Instant lastFailedAt,
        Instant createdAt) {

    /** Normalizes {@code events} to an unmodifiable list. */
    public Webhook {
        events = Copies.list(events);
    }

    /** Like the default, but never shows the signing secret. */
    @Override
    public String toString() {
        return "Webhook[webhookId=" + webhookId + ", url=" + url + ", events=" + events
                + ", secret=" + Secrets.mask(secret) + ", enabled=" + enabled + ", description=" + description
                + ", failureCount=" + failureCount + ", lastDeliveredAt=" + lastDeliveredAt
                + ", lastFailedAt=" + lastFailedAt + ", createdAt=" + createdAt + "]";
    }
}
