package ai.fonella.support;

/**
 * Masks secrets for {@code toString}, logs and messages. Shared by the SDK's modules; see the package documentation.
 */
public final class Secrets {

    /** Length of the key prefix the API shows in key listings. */
    public static final int KEY_PREFIX_LENGTH = 16;

    private Secrets() {
    }

    /**
     * The first {@value #KEY_PREFIX_LENGTH} characters of an API key followed by an ellipsis, the
     * same prefix the API shows in {@code GET /v1/me/api-keys}. Short values are masked entirely.
     *
     * @param apiKey the key, may be {@code null}
     * @return a string safe to log
     */
    public static String maskApiKey(String apiKey) {
        if (apiKey == null) {
            return "null";
        }
        if (apiKey.length() <= KEY_PREFIX_LENGTH) {
            return "****";
        }
        return apiKey.substring(0, KEY_PREFIX_LENGTH) + "…";
    }

    /**
     * The prefix of an API key as listed by the API.
     *
     * @param apiKey the full token
     * @return its first {@value #KEY_PREFIX_LENGTH} characters
     */
    public static String apiKeyPrefix(String apiKey) {
        return apiKey.length() <= KEY_PREFIX_LENGTH ? apiKey : apiKey.substring(0, KEY_PREFIX_LENGTH);
    }

    /**
     * A fixed mask for any secret that must never be shown at all (signing secrets, tool secrets).
     *
     * @param secret the secret, may be {@code null}
     * @return {@code "null"} or {@code "****"}
     */
    public static String mask(String secret) {
        return secret == null ? "null" : "****";
    }
}
