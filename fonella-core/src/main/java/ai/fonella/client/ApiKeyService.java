package ai.fonella.client;

import ai.fonella.model.ApiRules;
import ai.fonella.model.ApiKey;
import ai.fonella.model.CreateApiKeyRequest;
import java.util.List;
import java.util.Objects;

/**
 * API keys of the authenticated account: {@code /v1/me/api-keys}. Get it from
 * {@link FonellaClient#apiKeys()}.
 */
public final class ApiKeyService {

    private static final String PATH = "/v1/me/api-keys";

    private final Transport transport;

    ApiKeyService(Transport transport) {
        this.transport = transport;
    }

    /**
     * Creates a key. The returned {@link ApiKey#token()} is the only time the full token is shown:
     * store it securely. At most 10 keys per account.
     *
     * @param request name, scopes (all if omitted), optional expiry
     * @return the new key, with its token
     */
    public ApiKey create(CreateApiKeyRequest request) {
        Objects.requireNonNull(request, "request");
        ApiRules.requireText("name", request.name());
        ApiRules.requireScopes("scopes", request.scopes());
        return Envelope.single(transport.json(), transport.send("POST", PATH, request, null), "apiKey",
                ApiKey.class, "POST " + PATH);
    }

    /**
     * Lists the account's keys, with their prefixes only.
     *
     * @return the keys
     */
    public List<ApiKey> list() {
        return Envelope.list(transport.json(), transport.send("GET", PATH, null, null), "apiKeys", ApiKey.class,
                "GET " + PATH);
    }

    /**
     * Deletes a key; requests with it fail from then on.
     *
     * @param keyId the key's id
     */
    public void delete(String keyId) {
        transport.send("DELETE", Paths.withId(PATH, "keyId", keyId), null, null);
    }
}
