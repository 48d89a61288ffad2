/**
 * Webhook signatures: {@link ai.fonella.webhook.WebhookSigner} and
 * {@link ai.fonella.webhook.WebhookVerifier}, one implementation of each
 * {@link ai.fonella.webhook.SignatureScheme}, shared by the emulator and the Spring Boot starter.
 */
package ai.fonella.webhook;
