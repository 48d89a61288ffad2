package ai.fonella.model;

import ai.fonella.internal.Copies;
import java.util.List;

/**
 * Body of {@code POST /v1/webhooks}.
 *
 * @param url the HTTPS URL to receive deliveries, required
 * @param events event types to subscribe to, required and non-empty
 * @param description optional human-readable description
 */
public record CreateWebhookRequest(String url, List<EventType> events, String description) {

    /** Normalizes {@code events}; {@code null} stays absent so validation can name it. */
    public CreateWebhookRequest {
        events = Copies.listOrNull(events);
    }

    /**
     * A subscription without a description.
     *
     * @param url the HTTPS URL to receive deliveries
     * @param events event types to subscribe to
     * @return the request
     */
    public static CreateWebhookRequest of(String url, EventType... events) {
        return new CreateWebhookRequest(url, List.of(events), null);
    }
}
