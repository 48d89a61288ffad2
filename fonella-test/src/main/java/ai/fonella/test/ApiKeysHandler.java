package ai.fonella.test;

import ai.fonella.model.ApiRules;
import ai.fonella.model.ApiKey;
import ai.fonella.model.CreateApiKeyRequest;
import java.util.List;

/** {@code /v1/me/api-keys}: any valid key may manage the account's keys. */
final class ApiKeysHandler implements ResourceHandler {

    private final EmulatorState state;

    ApiKeysHandler(EmulatorState state) {
        this.state = state;
    }

    @Override
    public ApiResponse collection(ApiRequest request, Caller caller) {
        if (request.method().equals("GET")) {
            List<ApiKey> keys = caller.account().keys().stream().map(ApiKeysHandler::withoutToken).toList();
            return ApiResponse.success(200, "apiKeys", keys);
        }
        CreateApiKeyRequest body = request.bodyAs(CreateApiKeyRequest.class);
        ApiError.rule(() -> ApiRules.requireText("name", body.name()));
        ApiError.rule(() -> ApiRules.requireScopes("scopes", body.scopes()));
        ApiKey key = state.createKey(caller.account(), body.name(), body.scopes() == null ? List.of() : body.scopes(),
                body.expiresAt());
        return ApiResponse.success(201, "apiKey", key);
    }

    @Override
    public ApiResponse item(ApiRequest request, Caller caller, String keyId) {
        if (!state.deleteKey(caller.account(), keyId)) {
            throw ApiError.notFound("No API key with keyId '" + keyId + "' in this account.");
        }
        return ApiResponse.success();
    }

    /** The token is shown once, on creation; listings carry the prefix only. */
    private static ApiKey withoutToken(ApiKey key) {
        return new ApiKey(key.keyId(), key.name(), key.prefix(), key.scopes(), key.lastUsedAt(), key.createdAt(),
                key.expiresAt(), null);
    }
}
