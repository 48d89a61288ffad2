package ai.fonella.model;

import ai.fonella.internal.Copies;
import java.util.List;

/**
 * Body of {@code PATCH /v1/webhooks/{webhookId}}: only the non-{@code null} fields are sent and
 * changed. Re-enabling a webhook resets its failure counter to 0.
 *
 * @param url new HTTPS URL, or {@code null} to keep
 * @param events new non-empty event list, or {@code null} to keep
 * @param description new description, or {@code null} to keep
 * @param enabled {@code true} to enable (and reset the failure counter), {@code false} to pause,
 *     {@code null} to keep
 */
public record UpdateWebhookRequest(String url, List<EventType> events, String description, Boolean enabled) {

    /** Normalizes {@code events}; {@code null} stays absent on the wire. */
    public UpdateWebhookRequest {
        events = Copies.listOrNull(events);
    }

    /**
     * Starts an empty partial update.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a partial update; fields left unset are not sent. */
    public static final class Builder {
        private String url;
        private List<EventType> events;
        private String description;
        private Boolean enabled;

        private Builder() {
        }

        /**
         * @param url new HTTPS URL
         * @return this builder
         */
        public Builder url(String url) {
            this.url = url;
            return this;
        }

        /**
         * @param events new non-empty event list
         * @return this builder
         */
        public Builder events(List<EventType> events) {
            this.events = events;
            return this;
        }

        /**
         * @param events new non-empty event list
         * @return this builder
         */
        public Builder events(EventType... events) {
            return events(List.of(events));
        }

        /**
         * @param description new description
         * @return this builder
         */
        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /**
         * @param enabled whether deliveries are sent; re-enabling resets the failure counter
         * @return this builder
         */
        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        /**
         * @return the partial update
         */
        public UpdateWebhookRequest build() {
            return new UpdateWebhookRequest(url, events, description, enabled);
        }
    }
}
