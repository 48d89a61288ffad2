package ai.fonella.model;

import ai.fonella.internal.Copies;
import ai.fonella.support.Secrets;
import java.time.Instant;
import java.util.List;

/**
 * An API key. The full {@link #token()} is present only in the answer to
 * {@code POST /v1/me/api-keys}; listings carry the {@link #prefix()} only.
 *
 * @param keyId unique identifier of the key
 * @param name descriptive name
 * @param prefix the first 16 characters of the token
 * @param scopes permission scopes
 * @param lastUsedAt when the key was last used, or {@code null}
 * @param createdAt when the key was created
 * @param expiresAt when the key stops working, or {@code null} for never
 * @param token the full token, returned once on creation; {@code null} otherwise
 */
public record ApiKey(
        String keyId,
        String name,
        String prefix,
        List<ApiKeyScope> scopes,
        Instant lastUsedAt,
        Instant createdAt,
        Instant expiresAt,
        String token) {

    /** Normalizes {@code scopes} to an unmodifiable list. */
    public ApiKey {
        scopes = Copies.list(scopes);
    }

    /** Like the default, but shows the token's prefix only. */
    @Override
    public String toString() {
        return "ApiKey[keyId=" + keyId + ", name=" + name + ", prefix=" + prefix + ", scopes=" + scopes
                + ", lastUsedAt=" + lastUsedAt + ", createdAt=" + createdAt + ", expiresAt=" + expiresAt
                + ", token=" + (token == null ? "null" : Secrets.maskApiKey(token)) + "]";
    }
}
