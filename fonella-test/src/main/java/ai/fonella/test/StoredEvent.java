package ai.fonella.test;

import ai.fonella.model.EventType;
import java.time.Instant;

/**
 * An event as first delivered, kept so that a redelivery sends the very same bytes with the same id.
 *
 * @param id the event id
 * @param type the event type
 * @param accountId the account whose subscriptions receive it
 * @param createdAt when it was created
 * @param body the exact JSON envelope
 */
record StoredEvent(String id, EventType type, String accountId, Instant createdAt, byte[] body) {
}
