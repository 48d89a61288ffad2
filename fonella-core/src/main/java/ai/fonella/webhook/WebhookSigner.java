package ai.fonella.webhook;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook deliveries. The emulator signs with it and {@link WebhookVerifier} checks with the
 * same code, so the two cannot disagree. Thread-safe.
 *
 * <pre>{@code
 * WebhookSigner signer = WebhookSigner.of(SignatureScheme.FONELLA, secret);
 * Map<String, String> headers = signer.sign("evt_123", Instant.now(), body);
 * }</pre>
 */
public final class WebhookSigner {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SignatureScheme scheme;
    private final SecretKeySpec key;

    private WebhookSigner(SignatureScheme scheme, SecretKeySpec key) {
        this.scheme = scheme;
        this.key = key;
    }

    /**
     * A signer for one secret.
     *
     * @param scheme the signature scheme
     * @param secret the secret string exactly as the API returned it
     * @return the signer
     * @throws IllegalArgumentException if the secret is blank, or not a {@code whsec_} base64 secret
     *     under Standard Webhooks
     */
    public static WebhookSigner of(SignatureScheme scheme, String secret) {
        Objects.requireNonNull(scheme, "scheme");
        return new WebhookSigner(scheme, Hmac.key(scheme.keyBytes(secret)));
    }

    /**
     * A fresh random secret, {@code whsec_} followed by 32 random bytes in base64. It works under
     * both schemes: {@link SignatureScheme#FONELLA} keys with the whole string, Standard Webhooks with
     * the decoded bytes.
     *
     * @return a new secret
     */
    public static String generateSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return SignatureScheme.STANDARD_SECRET_PREFIX + Base64.getEncoder().encodeToString(bytes);
    }

    /**
     * The headers to send with a delivery.
     *
     * @param messageId the event id (used by Standard Webhooks; ignored by the Fonella scheme)
     * @param timestamp the signing time; whole seconds are signed
     * @param body the exact bytes that will be sent
     * @return header names to values, in a stable order
     */
    public Map<String, String> sign(String messageId, Instant timestamp, byte[] body) {
        long seconds = timestamp.getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        if (scheme == SignatureScheme.FONELLA) {
            headers.put(SignatureScheme.FONELLA_SIGNATURE_HEADER,
                    "t=" + seconds + ",v1=" + signature(messageId, seconds, body));
        } else {
            Objects.requireNonNull(messageId, "Standard Webhooks signs a message id; messageId must not be null");
            headers.put(SignatureScheme.WEBHOOK_ID_HEADER, messageId);
            headers.put(SignatureScheme.WEBHOOK_TIMESTAMP_HEADER, Long.toString(seconds));
            headers.put(SignatureScheme.WEBHOOK_SIGNATURE_HEADER, "v1," + signature(messageId, seconds, body));
        }
        return headers;
    }

    /**
     * The bare signature value: lowercase hex for the Fonella scheme, base64 for Standard Webhooks.
     *
     * @param messageId the message id (Standard Webhooks only)
     * @param timestampSeconds unix seconds
     * @param body the exact body bytes
     * @return the encoded signature, without {@code v1=} or {@code v1,}
     */
    public String signature(String messageId, long timestampSeconds, byte[] body) {
        String timestamp = Long.toString(timestampSeconds);
        if (scheme == SignatureScheme.FONELLA) {
            return HexFormat.of().formatHex(Hmac.sign(key, null, timestamp, body));
        }
        return Base64.getEncoder().encodeToString(Hmac.sign(key, messageId, timestamp, body));
    }

    /**
     * The scheme this signer uses.
     *
     * @return the scheme
     */
    public SignatureScheme scheme() {
        return scheme;
    }

    @Override
    public String toString() {
        return "WebhookSigner[scheme=" + scheme + ", secret=****]";
    }
}
