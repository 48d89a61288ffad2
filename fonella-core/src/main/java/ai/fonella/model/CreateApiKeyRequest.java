package ai.fonella.model;

import ai.fonella.internal.Copies;
import java.time.Instant;
import java.util.List;

/**
 * Body of {@code POST /v1/me/api-keys}.
 *
 * @param name a descriptive name, required (e.g. "CRM Integration")
 * @param scopes permission scopes; {@code null} or empty means all scopes
 * @param expiresAt optional expiry; the key stops working after it
 */
public record CreateApiKeyRequest(String name, List<ApiKeyScope> scopes, Instant expiresAt) {

    /** Normalizes {@code scopes}; {@code null} stays absent on the wire. */
    public CreateApiKeyRequest {
        scopes = Copies.listOrNull(scopes);
    }

    /**
     * A key with all scopes and no expiry.
     *
     * @param name a descriptive name
     * @return the request
     */
    public static CreateApiKeyRequest of(String name) {
        return new CreateApiKeyRequest(name, null, null);
    }

    /**
     * A key with the given scopes and no expiry.
     *
     * @param name a descriptive name
     * @param scopes the scopes to grant
     * @return the request
     */
    public static CreateApiKeyRequest of(String name, ApiKeyScope... scopes) {
        return new CreateApiKeyRequest(name, List.of(scopes), null);
    }
}
