package ai.fonella.webhook;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * How a webhook delivery is signed. Both schemes use HMAC-SHA-256 over the raw body bytes and a
 * timestamp; they differ in headers, signed content, key encoding and signature encoding.
 */
public enum SignatureScheme {

    /**
     * The default: header {@code X-Fonella-Signature: t=<unix seconds>,v1=<hex>}, where {@code <hex>}
     * is the lowercase hex HMAC-SHA-256 of the bytes {@code <t> "." <raw body>}, keyed with the UTF-8
     * bytes of the subscription's secret exactly as the API returned it. Several {@code v1=} entries
     * may appear during secret rotation.
     */
    FONELLA,

    /**
     * The <a href="https://www.standardwebhooks.com/">Standard Webhooks</a> preset: headers
     * {@code webhook-id}, {@code webhook-timestamp} and {@code webhook-signature: v1,<base64>}
     * (space-separated for several), signed content {@code <id> "." <timestamp> "." <raw body>}, keyed
     * with the base64-decoded part of a {@code whsec_} secret.
     */
    STANDARD_WEBHOOKS;

    /** Header of the {@link #FONELLA} scheme. */
    public static final String FONELLA_SIGNATURE_HEADER = "X-Fonella-Signature";

    /** Message id header of the {@link #STANDARD_WEBHOOKS} scheme. */
    public static final String WEBHOOK_ID_HEADER = "webhook-id";

    /** Timestamp header of the {@link #STANDARD_WEBHOOKS} scheme. */
    public static final String WEBHOOK_TIMESTAMP_HEADER = "webhook-timestamp";

    /** Signature header of the {@link #STANDARD_WEBHOOKS} scheme. */
    public static final String WEBHOOK_SIGNATURE_HEADER = "webhook-signature";

    /** Prefix of Standard Webhooks secrets. */
    public static final String STANDARD_SECRET_PREFIX = "whsec_";

    /**
     * The HMAC key for a secret string under this scheme.
     *
     * @param secret the secret as configured or as returned by the API
     * @return the key bytes
     * @throws IllegalArgumentException if the secret is blank or, for Standard Webhooks, not base64
     */
    byte[] keyBytes(String secret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("blank secret");
        }
        if (this == FONELLA) {
            return secret.getBytes(StandardCharsets.UTF_8);
        }
        String encoded = secret.startsWith(STANDARD_SECRET_PREFIX)
                ? secret.substring(STANDARD_SECRET_PREFIX.length()) : secret;
        byte[] key = Base64.getDecoder().decode(encoded.trim());
        if (key.length == 0) {
            throw new IllegalArgumentException("empty key");
        }
        return key;
    }

    /**
     * Parses a configuration value such as {@code fonella}, {@code standard-webhooks} or
     * {@code STANDARD_WEBHOOKS}.
     *
     * @param value the name, case-insensitive, with dashes or underscores
     * @return the scheme
     * @throws IllegalArgumentException naming the accepted values
     */
    public static SignatureScheme fromName(String value) {
        String normalized = value == null ? "" : value.trim().replace('-', '_').toUpperCase(Locale.ROOT);
        for (SignatureScheme scheme : values()) {
            if (scheme.name().equals(normalized)) {
                return scheme;
            }
        }
        throw new IllegalArgumentException("Unknown signature scheme '" + value
                + "'; use 'fonella' (the default) or 'standard-webhooks'.");
    }
}
