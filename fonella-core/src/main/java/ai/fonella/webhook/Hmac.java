package ai.fonella.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA-256 over the signed content of both schemes, written straight from the body bytes
 * without copying them.
 */
final class Hmac {

    static final String ALGORITHM = "HmacSHA256";

    private static final ThreadLocal<Mac> MACS = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance(ALGORITHM);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JVM has no " + ALGORITHM + "; every Java SE JVM must have it", e);
        }
    });

    private Hmac() {
    }

    static SecretKeySpec key(byte[] keyBytes) {
        return new SecretKeySpec(keyBytes, ALGORITHM);
    }

    /**
     * HMAC of {@code [messageId "."] timestamp "." body}.
     *
     * @param key the key
     * @param messageId the message id to prefix (Standard Webhooks), or {@code null}
     * @param timestamp unix seconds as signed, in its decimal text form
     * @param body the raw body
     * @return the 32-byte MAC
     */
    static byte[] sign(SecretKeySpec key, String messageId, String timestamp, byte[] body) {
        Mac mac = MACS.get();
        try {
            mac.init(key);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("HMAC key rejected", e);
        }
        if (messageId != null) {
            mac.update(messageId.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) '.');
        }
        mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
        mac.update((byte) '.');
        mac.update(body);
        return mac.doFinal();
    }
}
