package ai.fonella.sync;

import ai.fonella.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Tool secrets: the value registered in every tool's headers and required on every invocation.
 *
 * <p>When none is configured, {@link #derive(String, ToolEndpoint)} computes one from the API key and
 * the tool URL prefix, so every replica of an app that shares a key arrives at the same secret, and
 * nobody without the key can compute it. The Spring Boot starter and the Maven plugin derive it the
 * same way. Configure the secret explicitly when the tools are registered with a different key than
 * the app runs with.
 */
public final class ToolSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private ToolSecrets() {
    }

    /**
     * The secret derived from an API key for an endpoint: base64url (no padding) of
     * HMAC-SHA-256(key = the API key, message = {@code "fonella-tool-secret:" + toolUrlPrefix}).
     *
     * @param apiKey the Fonella API key
     * @param endpoint the endpoint; its {@link ToolEndpoint#toolUrlPrefix()} is signed
     * @return the derived secret
     */
    public static String derive(String apiKey, ToolEndpoint endpoint) {
        if (apiKey == null || apiKey.isBlank()) {
            throw new InvalidRequestException("apiKey", "A tool secret can only be derived from an API key; set "
                    + "fonella.api-key, or set fonella.tools.secret explicitly.");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(apiKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal(("fonella-tool-secret:" + endpoint.toolUrlPrefix())
                    .getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    /**
     * A fresh random secret: 32 random bytes, base64url without padding.
     *
     * @return a new secret
     */
    public static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
