package ai.fonella.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.fonella.InvalidRequestException;
import ai.fonella.client.FonellaAuthenticationException;
import ai.fonella.client.FonellaClient;
import ai.fonella.client.FonellaNotFoundException;
import ai.fonella.client.FonellaValidationException;
import ai.fonella.model.ApiKeyScope;
import ai.fonella.model.CreateWebhookRequest;
import ai.fonella.model.EventType;
import ai.fonella.model.UpdateWebhookRequest;
import ai.fonella.model.Webhook;
import ai.fonella.test.support.AccountPerTest;
import java.util.List;
import org.junit.jupiter.api.Test;

@FonellaEmulatorTest
class WebhooksIT extends AccountPerTest {

    private static final String URL = "https://crm.example.com/fonella/webhooks";

    WebhooksIT(FonellaEmulator emulator) {
        super(emulator);
    }

    @Test
    void createsSubscriptionWithSigningSecret() {
        Webhook created = client.webhooks().create(new CreateWebhookRequest(URL,
                List.of(EventType.CALL_STARTED, EventType.CALL_ENDED, EventType.CALL_SUMMARY), "Main CRM integration"));

        assertThat(created.webhookId()).matches("[0-9a-f-]{36}");
        assertThat(created.url()).isEqualTo(URL);
        assertThat(created.events()).containsExactly(EventType.CALL_STARTED, EventType.CALL_ENDED,
                EventType.CALL_SUMMARY);
        assertThat(created.secret()).startsWith("whsec_").hasSizeGreaterThan(40);
        assertThat(created.enabled()).isTrue();
        assertThat(created.description()).isEqualTo("Main CRM integration");
        assertThat(created.failureCount()).isZero();
        assertThat(created.lastDeliveredAt()).isNull();
        assertThat(created.lastFailedAt()).isNull();
        assertThat(created.createdAt()).isNotNull();
        assertThat(created.toString()).doesNotContain(created.secret());
    }

    @Test
    void listsTheAccountsSubscriptionsOnly() {
        Webhook first = client.webhooks().create(CreateWebhookRequest.of(URL, EventType.CALL_ENDED));
        Webhook second = client.webhooks().create(CreateWebhookRequest.of(URL + "/2", EventType.CALL_FAILED));
        emulator.client(emulator.newAccount().apiKey()).webhooks()
                .create(CreateWebhookRequest.of(URL + "/other", EventType.CALL_ENDED));

        assertThat(client.webhooks().list()).extracting(Webhook::webhookId)
                .containsExactly(first.webhookId(), second.webhookId());
        assertThat(client.webhooks().list().get(0).secret()).isEqualTo(first.secret());
    }

    @Test
    void updateChangesOnlyTheGivenFieldsAndSendsOnlyThem() {
        Webhook created = client.webhooks().create(new CreateWebhookRequest(URL, List.of(EventType.CALL_ENDED), "old"));

        Webhook updated = client.webhooks().update(created.webhookId(),
                UpdateWebhookRequest.builder().description("new").build());

        assertThat(updated.description()).isEqualTo("new");
        assertThat(updated.url()).isEqualTo(URL);
        assertThat(updated.events()).containsExactly(EventType.CALL_ENDED);
        assertThat(updated.secret()).isEqualTo(created.secret());
        assertThat(updated.enabled()).isTrue();
        RecordedRequest patch = lastRequest("PATCH", "/v1/webhooks/" + created.webhookId());
        assertThat(patch.body()).isEqualTo("{\"description\":\"new\"}");
        assertThat(patch.status()).isEqualTo(200);
    }

    @Test
    void updateReplacesEventsAndUrl() {
        Webhook created = client.webhooks().create(CreateWebhookRequest.of(URL, EventType.CALL_ENDED));

        Webhook updated = client.webhooks().update(created.webhookId(), UpdateWebhookRequest.builder()
                .url(URL + "/v2").events(EventType.CALL_STARTED, EventType.CALL_FAILED).build());

        assertThat(updated.url()).isEqualTo(URL + "/v2");
        assertThat(updated.events()).containsExactly(EventType.CALL_STARTED, EventType.CALL_FAILED);
        assertThat(client.webhooks().list().get(0)).isEqualTo(updated);
    }

    @Test
    void disablesAndEnablesASubscription() {
        Webhook created = client.webhooks().create(CreateWebhookRequest.of(URL, EventType.CALL_ENDED));

        Webhook disabled = client.webhooks().update(created.webhookId(),
                UpdateWebhookRequest.builder().enabled(false).build());
        Webhook enabled = client.webhooks().update(created.webhookId(),
                UpdateWebhookRequest.builder().enabled(true).build());

        assertThat(disabled.enabled()).isFalse();
        assertThat(enabled.enabled()).isTrue();
        assertThat(enabled.failureCount()).isZero();
    }

    @Test
    void deletesASubscription() {
        Webhook created = client.webhooks().create(CreateWebhookRequest.of(URL, EventType.CALL_ENDED));

        client.webhooks().delete(created.webhookId());

        assertThat(client.webhooks().list()).isEmpty();
        assertThatThrownBy(() -> client.webhooks().delete(created.webhookId()))
                .isInstanceOf(FonellaNotFoundException.class);
        assertThatThrownBy(() -> client.webhooks().update(created.webhookId(),
                UpdateWebhookRequest.builder().enabled(false).build()))
                .isInstanceOf(FonellaNotFoundException.class);
    }

    @Test
    void rejectsTheEleventhSubscriptionWithLimitExceeded() {
        for (int i = 0; i < 10; i++) {
            client.webhooks().create(CreateWebhookRequest.of(URL + "/" + i, EventType.CALL_ENDED));
        }

        assertThatThrownBy(() -> client.webhooks().create(CreateWebhookRequest.of(URL + "/11", EventType.CALL_ENDED)))
                .isInstanceOfSatisfying(FonellaValidationException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(409);
                    assertThat(e.errorCode()).isEqualTo("limit_exceeded");
                });
        assertThat(client.webhooks().list()).hasSize(10);
    }

    @Test
    void clientRejectsNonHttpsUrlNamingTheField() {
        assertThatThrownBy(() -> client.webhooks().create(
                CreateWebhookRequest.of("http://crm.example.com/hook", EventType.CALL_ENDED)))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.field()).isEqualTo("url");
                    assertThat(e.getMessage()).contains("HTTPS");
                });
        assertThatThrownBy(() -> client.webhooks().create(CreateWebhookRequest.of("not a url", EventType.CALL_ENDED)))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("url"));
    }

    @Test
    void clientRejectsEmptyOrUnknownEventsNamingTheField() {
        assertThatThrownBy(() -> client.webhooks().create(new CreateWebhookRequest(URL, List.of(), null)))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("events"));
        assertThatThrownBy(() -> client.webhooks().create(new CreateWebhookRequest(URL, null, null)))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("events"));
        assertThatThrownBy(() -> client.webhooks().create(CreateWebhookRequest.of(URL, EventType.UNKNOWN)))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("events"));
        assertThatThrownBy(() -> client.webhooks().update("any-id",
                UpdateWebhookRequest.builder().events(List.of()).build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("events"));
    }

    @Test
    void acceptsLoopbackHttpByDefault() {
        Webhook created = client.webhooks().create(
                CreateWebhookRequest.of("http://127.0.0.1:8080/hook", EventType.CALL_ENDED));

        assertThat(created.url()).isEqualTo("http://127.0.0.1:8080/hook");
    }

    @Test
    void strictEmulatorRejectsLoopbackHttpWith422() {
        try (FonellaEmulator strict = FonellaEmulator.builder().allowLoopbackHttp(false).start()) {
            FonellaClient lenientClient = strict.clientBuilder(strict.apiKey()).allowLoopbackHttp(true).build();

            assertThatThrownBy(() -> lenientClient.webhooks().create(
                    CreateWebhookRequest.of("http://127.0.0.1:8080/hook", EventType.CALL_ENDED)))
                    .isInstanceOfSatisfying(FonellaValidationException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(422);
                        assertThat(e.errorCode()).isEqualTo("validation_error");
                        assertThat(e.errorMessage()).contains("url must use HTTPS");
                    });
        }
    }

    @Test
    void keyWithoutWebhooksScopeIsForbidden() {
        FonellaClient limited = emulator.client(emulator.createApiKey(account, null, ApiKeyScope.CALLS_READ,
                ApiKeyScope.TOOLS_MANAGE));

        assertThatThrownBy(() -> limited.webhooks().list())
                .isInstanceOfSatisfying(FonellaAuthenticationException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(403);
                    assertThat(e.errorCode()).isEqualTo("forbidden");
                    assertThat(e.getMessage()).contains("webhooks:manage");
                });
    }

    private RecordedRequest lastRequest(String method, String path) {
        List<RecordedRequest> matching = emulator.requests().stream().filter(r -> r.is(method, path)).toList();
        assertThat(matching).isNotEmpty();
        return matching.get(matching.size() - 1);
    }
}
