package ai.fonella.webhook;

import java.time.Instant;

/**
 * What a successful verification established about a delivery.
 *
 * @param timestamp the signed timestamp
 * @param messageId the signed message id ({@code webhook-id}) under Standard Webhooks, else {@code null}
 */
public record VerifiedWebhook(Instant timestamp, String messageId) {
}
