package ai.fonella.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.fonella.client.FonellaAuthenticationException;
import ai.fonella.client.FonellaClient;
import ai.fonella.client.FonellaServerException;
import ai.fonella.client.RetryPolicy;
import ai.fonella.model.Call;
import ai.fonella.model.CreateToolRequest;
import ai.fonella.model.CreateWebhookRequest;
import ai.fonella.model.EventType;
import ai.fonella.test.support.HttpReceiver;
import ai.fonella.test.support.HttpReceiver.Reply;
import ai.fonella.test.support.RawHttp;
import ai.fonella.test.support.RawHttp.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The {@code /_emulator/} endpoints, driven with raw HTTP and no API key, as a build would. */
@FonellaEmulatorTest
class AdminEndpointsIT {

    private final FonellaEmulator emulator;
    private RawHttp admin;

    AdminEndpointsIT(FonellaEmulator emulator) {
        this.emulator = emulator;
    }

    @BeforeEach
    void setUp() {
        admin = RawHttp.with(emulator, null);
    }

    @AfterEach
    void tearDown() {
        emulator.reset();
    }

    @Test
    void infoShowsTheBaseUrlAndTheReadyKey() {
        JsonNode info = admin.get("/_emulator/info").json();

        assertThat(info.path("baseUrl").asString()).isEqualTo(emulator.baseUrl());
        assertThat(info.path("apiKey").asString()).isEqualTo(emulator.apiKey());
        assertThat(info.path("accountId").asString()).isEqualTo(emulator.defaultAccount().accountId());
    }

    @Test
    void createsAccountsWithGeneratedOrGivenKeys() {
        Response generated = admin.post("/_emulator/accounts", null);
        Response given = admin.post("/_emulator/accounts", "{\"apiKey\": \"fon_live_fromthebuild000000000001\"}");

        assertThat(generated.status()).isEqualTo(201);
        String key = generated.json().path("account").path("apiKey").asString();
        assertThat(key).startsWith("fon_live_");
        assertThat(emulator.client(key).tools().list()).isEmpty();
        assertThat(given.json().path("account").path("apiKey").asString())
                .isEqualTo("fon_live_fromthebuild000000000001");
        assertThat(emulator.client("fon_live_fromthebuild000000000001").webhooks().list()).isEmpty();
        Response duplicate = admin.post("/_emulator/accounts", "{\"apiKey\": \"fon_live_fromthebuild000000000001\"}");
        assertThat(duplicate.status()).isEqualTo(400);
        assertThat(duplicate.errorMessage()).contains("already in use").doesNotContain("fromthebuild000000000001");
    }

    @Test
    void placesACallFromAJsonScriptAndListsWhatHappened() {
        try (HttpReceiver tool = HttpReceiver.answering(r -> Reply.result("Order 7 ships today."));
                HttpReceiver hooks = HttpReceiver.ok()) {
            String key = admin.post("/_emulator/accounts", null).json().path("account").path("apiKey").asString();
            FonellaClient client = emulator.client(key);
            client.tools().create(CreateToolRequest.builder().name("lookupOrder").description("d")
                    .url(tool.url("/lookupOrder")).build());
            client.webhooks().create(CreateWebhookRequest.of(hooks.url("/hooks"), EventType.CALL_ENDED));

            Response placed = admin.post("/_emulator/calls", """
                    {"apiKey": "%s", "from": "+4930123456", "steps": [
                      {"user": "Where is order 7?"},
                      {"tool": "lookupOrder", "arguments": {"orderNumber": "7"}},
                      {"hang": "Let me check."},
                      {"assistant": "It ships today."}],
                     "endedReason": "assistant-ended", "durationSeconds": 75}""".formatted(key));

            assertThat(placed.status()).isEqualTo(200);
            String callId = placed.json().path("call").path("id").asString();
            Call logged = client.calls().get(callId);
            assertThat(logged.customerPhone()).isEqualTo("+4930123456");
            assertThat(logged.durationFormatted()).isEqualTo("1:15");
            assertThat(logged.endedReason()).isEqualTo("assistant-ended");
            assertThat(logged.transcript()).contains("Tool: lookupOrder: Order 7 ships today.");
            assertThat(tool.requests()).singleElement()
                    .satisfies(r -> assertThat(r.bodyText()).isEqualTo("{\"orderNumber\":\"7\"}"));

            JsonNode invocations = admin.get("/_emulator/tool-invocations").json().path("toolInvocations");
            assertThat(invocations).singleElement().satisfies(i -> {
                assertThat(i.path("callId").asString()).isEqualTo(callId);
                assertThat(i.path("toolName").asString()).isEqualTo("lookupOrder");
                assertThat(i.path("result").asString()).isEqualTo("Order 7 ships today.");
                assertThat(i.path("succeeded").asBoolean()).isTrue();
            });
            JsonNode deliveries = admin.get("/_emulator/deliveries").json().path("deliveries");
            assertThat(deliveries).singleElement().satisfies(d -> {
                assertThat(d.path("eventType").asString()).isEqualTo("call.ended");
                assertThat(d.path("status").asInt()).isEqualTo(200);
            });
            JsonNode requests = admin.get("/_emulator/requests").json().path("requests");
            assertThat(requests).anySatisfy(r -> {
                assertThat(r.path("method").asString()).isEqualTo("GET");
                assertThat(r.path("path").asString()).isEqualTo("/v1/calls/" + callId);
                assertThat(r.path("status").asInt()).isEqualTo(200);
            });
            assertThat(requests).noneSatisfy(r -> assertThat(r.path("path").asString()).startsWith("/_emulator"));
        }
    }

    @Test
    void rejectsAMalformedScript() {
        Response notJson = admin.post("/_emulator/calls", "{\"steps\": ");
        Response badStep = admin.post("/_emulator/calls", "{\"steps\": [{\"sing\": \"la\"}]}");
        Response unknownKey = admin.post("/_emulator/calls", "{\"apiKey\": \"fon_live_nobody000000000000000000\"}");

        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.errorCode()).isEqualTo("invalid_json");
        assertThat(badStep.status()).isEqualTo(400);
        assertThat(badStep.errorMessage()).contains("steps[0] must have one of user, assistant, tool or hang");
        assertThat(unknownKey.status()).isEqualTo(400);
    }

    @Test
    void deliversAndRedeliversEvents() {
        try (HttpReceiver hooks = HttpReceiver.ok()) {
            emulator.client().webhooks().create(CreateWebhookRequest.of(hooks.url("/h"), EventType.CALL_HANG));

            JsonNode bulk = admin.post("/_emulator/events",
                    "{\"type\": \"call.hang\", \"count\": 5, \"concurrency\": 2}").json();
            String eventId = bulk.path("eventIds").get(0).asString();
            JsonNode again = admin.post("/_emulator/events/" + eventId + "/redeliver", null).json();

            assertThat(bulk.path("delivered").asInt()).isEqualTo(5);
            assertThat(bulk.path("eventIds")).hasSize(5);
            assertThat(again.path("deliveries")).singleElement()
                    .satisfies(d -> assertThat(d.path("eventId").asString()).isEqualTo(eventId));
            assertThat(hooks.requests()).hasSize(6);
            assertThat(admin.post("/_emulator/events/evt_unknown/redeliver", null).status()).isEqualTo(400);
        }
    }

    @Test
    void injectsAndClearsFaultsAndLatency() {
        FonellaClient client = emulator.clientBuilder(emulator.apiKey()).retryPolicy(RetryPolicy.NONE).build();

        assertThat(admin.post("/_emulator/faults", """
                {"status": 503, "count": 2, "method": "GET", "path": "/v1/tools", "retryAfterSeconds": 1}""")
                .status()).isEqualTo(200);
        assertThatThrownBy(() -> client.tools().list())
                .isInstanceOfSatisfying(FonellaServerException.class, e -> assertThat(e.statusCode()).isEqualTo(503));
        assertThat(emulator.faults().pending()).isEqualTo(1);
        assertThat(admin.send("DELETE", "/_emulator/faults", null).status()).isEqualTo(200);
        assertThat(client.tools().list()).isEmpty();

        assertThat(admin.send("PUT", "/_emulator/latency", "{\"millis\": 50}").status()).isEqualTo(200);
        assertThat(emulator.faults().latency()).hasMillis(50);
        admin.send("DELETE", "/_emulator/faults", null);
        assertThat(emulator.faults().latency()).isZero();
    }

    @Test
    void resetForgetsStateButKeepsTheSeededKey() {
        String key = admin.post("/_emulator/accounts", null).json().path("account").path("apiKey").asString();
        emulator.client().tools().create(CreateToolRequest.builder().name("lookupOrder").description("d")
                .url("https://shop.example.com/t").build());
        emulator.placeCall(CallScript.builder().user("Hi").build());

        assertThat(admin.post("/_emulator/reset", null).status()).isEqualTo(200);

        assertThat(emulator.client().tools().list()).isEmpty();
        assertThat(emulator.client().calls().list().calls()).isEmpty();
        assertThat(emulator.client().apiKeys().list()).hasSize(1);
        assertThatThrownBy(() -> emulator.client(key).tools().list())
                .isInstanceOf(FonellaAuthenticationException.class);
        assertThat(emulator.requests()).noneMatch(r -> r.is("POST", "/v1/tools"));
        assertThat(emulator.deliveries()).isEmpty();
    }

    @Test
    void unknownAdminPathsAre404AndWrongMethods405() {
        assertThat(admin.get("/_emulator/nothing").status()).isEqualTo(404);
        Response wrong = admin.get("/_emulator/reset");
        assertThat(wrong.status()).isEqualTo(405);
        assertThat(wrong.allow()).isEqualTo("POST");
        assertThat(admin.get("/_emulator").json().path("baseUrl").asString()).isEqualTo(emulator.baseUrl());
    }
}
