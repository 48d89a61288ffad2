package ai.fonella.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.fonella.InvalidRequestException;
import ai.fonella.client.FonellaAuthenticationException;
import ai.fonella.client.FonellaClient;
import ai.fonella.client.FonellaNotFoundException;
import ai.fonella.client.FonellaValidationException;
import ai.fonella.model.ApiKey;
import ai.fonella.model.ApiKeyScope;
import ai.fonella.model.CreateApiKeyRequest;
import ai.fonella.test.support.AccountPerTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

@FonellaEmulatorTest
class ApiKeysIT extends AccountPerTest {

    ApiKeysIT(FonellaEmulator emulator) {
        super(emulator);
    }

    @Test
    void createsKeyWithAllScopesAndShowsTheTokenOnlyOnce() {
        ApiKey created = client.apiKeys().create(CreateApiKeyRequest.of("CRM Integration"));

        assertThat(created.keyId()).matches("[0-9a-f-]{36}");
        assertThat(created.name()).isEqualTo("CRM Integration");
        assertThat(created.token()).startsWith("fon_live_").hasSizeGreaterThan(16);
        assertThat(created.prefix()).isEqualTo(created.token().substring(0, 16)).hasSize(16);
        assertThat(created.scopes()).containsExactlyInAnyOrder(ApiKeyScope.WEBHOOKS_MANAGE, ApiKeyScope.CALLS_READ,
                ApiKeyScope.TOOLS_MANAGE);
        assertThat(created.createdAt()).isNotNull();
        assertThat(created.expiresAt()).isNull();

        List<ApiKey> listed = client.apiKeys().list();
        assertThat(listed).hasSize(2);
        ApiKey again = listed.stream().filter(k -> k.keyId().equals(created.keyId())).findFirst().orElseThrow();
        assertThat(again.token()).isNull();
        assertThat(again.prefix()).isEqualTo(created.prefix());
        assertThat(listed).allSatisfy(key -> assertThat(key.token()).isNull());
    }

    @Test
    void createsKeyWithGivenScopesAndExpiry() {
        Instant expiry = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

        ApiKey created = client.apiKeys().create(new CreateApiKeyRequest("Reporting",
                List.of(ApiKeyScope.CALLS_READ, ApiKeyScope.WEBHOOKS_MANAGE), expiry));

        assertThat(created.scopes()).containsExactlyInAnyOrder(ApiKeyScope.CALLS_READ, ApiKeyScope.WEBHOOKS_MANAGE);
        assertThat(created.expiresAt()).isEqualTo(expiry);
        FonellaClient limited = emulator.client(created.token());
        assertThat(limited.calls().list().calls()).isEmpty();
        assertThatThrownBy(() -> limited.tools().list())
                .isInstanceOfSatisfying(FonellaAuthenticationException.class,
                        e -> assertThat(e.statusCode()).isEqualTo(403));
    }

    @Test
    void recordsWhenAKeyWasLastUsed() {
        ApiKey created = client.apiKeys().create(CreateApiKeyRequest.of("Used later"));
        assertThat(created.lastUsedAt()).isNull();

        emulator.client(created.token()).tools().list();

        ApiKey listed = client.apiKeys().list().stream().filter(k -> k.keyId().equals(created.keyId())).findFirst()
                .orElseThrow();
        assertThat(listed.lastUsedAt()).isNotNull();
    }

    @Test
    void keyWithAnyScopeMayManageKeys() {
        String callsOnly = emulator.createApiKey(account, null, ApiKeyScope.CALLS_READ);
        FonellaClient limited = emulator.client(callsOnly);

        ApiKey created = limited.apiKeys().create(CreateApiKeyRequest.of("Made by a calls:read key"));

        assertThat(limited.apiKeys().list()).extracting(ApiKey::keyId).contains(created.keyId());
    }

    @Test
    void deletedKeyIsRejectedWith401() {
        ApiKey created = client.apiKeys().create(CreateApiKeyRequest.of("Short-lived"));
        FonellaClient doomed = emulator.client(created.token());
        assertThat(doomed.tools().list()).isEmpty();

        client.apiKeys().delete(created.keyId());

        assertThat(client.apiKeys().list()).extracting(ApiKey::keyId).doesNotContain(created.keyId());
        assertThatThrownBy(() -> doomed.tools().list())
                .isInstanceOfSatisfying(FonellaAuthenticationException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(401);
                    assertThat(e.errorCode()).isEqualTo("unauthorized");
                });
    }

    @Test
    void expiredKeyIsRejectedWith401() {
        ApiKey expired = client.apiKeys().create(new CreateApiKeyRequest("Expired", null,
                Instant.now().minus(1, ChronoUnit.MINUTES)));

        assertThatThrownBy(() -> emulator.client(expired.token()).tools().list())
                .isInstanceOfSatisfying(FonellaAuthenticationException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(401);
                    assertThat(e.errorMessage()).contains("expired");
                });
    }

    @Test
    void rejectsTheEleventhKeyWithLimitExceeded() {
        for (int i = 2; i <= 10; i++) {
            client.apiKeys().create(CreateApiKeyRequest.of("Key " + i));
        }
        assertThat(client.apiKeys().list()).hasSize(10);

        assertThatThrownBy(() -> client.apiKeys().create(CreateApiKeyRequest.of("Key 11")))
                .isInstanceOfSatisfying(FonellaValidationException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(409);
                    assertThat(e.errorCode()).isEqualTo("limit_exceeded");
                    assertThat(e.getMessage()).contains("10 API keys");
                });
        assertThat(client.apiKeys().list()).hasSize(10);
    }

    @Test
    void deletingAnUnknownKeyIs404() {
        assertThatThrownBy(() -> client.apiKeys().delete("468bcefd-6536-4844-8249-aff3ecb2ef7b"))
                .isInstanceOfSatisfying(FonellaNotFoundException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.errorCode()).isEqualTo("not_found");
                });
    }

    @Test
    void keysOfAnotherAccountAreInvisibleAndCannotBeDeleted() {
        EmulatorAccount other = emulator.newAccount();
        ApiKey foreign = emulator.client(other.apiKey()).apiKeys().create(CreateApiKeyRequest.of("Other account"));

        assertThat(client.apiKeys().list()).extracting(ApiKey::keyId).doesNotContain(foreign.keyId());
        assertThatThrownBy(() -> client.apiKeys().delete(foreign.keyId())).isInstanceOf(FonellaNotFoundException.class);
    }

    @Test
    void clientRejectsBlankNameBeforeSending() {
        int before = emulator.requests().size();

        assertThatThrownBy(() -> client.apiKeys().create(CreateApiKeyRequest.of("  ")))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("name"));
        assertThat(emulator.requests()).hasSize(before);
    }

    @Test
    void clientRejectsUnknownScopeBeforeSending() {
        assertThatThrownBy(() -> client.apiKeys().create(CreateApiKeyRequest.of("Bad", ApiKeyScope.UNKNOWN)))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("scopes"));
    }
}
