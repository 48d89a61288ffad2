package ai.fonella.test;

import static org.assertj.core.api.Assertions.assertThat;

import ai.fonella.client.FonellaClient;
import ai.fonella.support.FonellaJson;
import ai.fonella.model.Call;
import ai.fonella.model.CallStatus;
import ai.fonella.model.CreateToolRequest;
import ai.fonella.model.CreateWebhookRequest;
import ai.fonella.model.EventType;
import ai.fonella.model.ToolMethod;
import ai.fonella.model.TranscriptMessage;
import ai.fonella.model.UpdateToolRequest;
import ai.fonella.model.UpdateWebhookRequest;
import ai.fonella.model.Webhook;
import ai.fonella.test.support.HttpReceiver;
import ai.fonella.test.support.HttpReceiver.Received;
import ai.fonella.test.support.HttpReceiver.Reply;
import ai.fonella.webhook.SignatureScheme;
import ai.fonella.webhook.WebhookVerifier;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A simulated call end to end: tools invoked over HTTP with their headers and arguments, signed
 * events delivered in order to a receiver, and the call in the log afterwards.
 */
@FonellaEmulatorTest
class SimulatedCallIT {

    private static final String TOOL_SECRET = "tool-secret-0123456789";

    private final FonellaEmulator emulator;
    private HttpReceiver receiver;
    private HttpReceiver toolServer;
    private EmulatorAccount account;
    private FonellaClient client;
    private Webhook webhook;

    SimulatedCallIT(FonellaEmulator emulator) {
        this.emulator = emulator;
    }

    @BeforeEach
    void setUp() {
        receiver = HttpReceiver.ok();
        toolServer = HttpReceiver.answering(request -> switch (request.path()) {
            case "/tools/lookupOrder" -> Reply.result("Order 4711 ships tomorrow.");
            case "/tools/openingHours" -> Reply.result("Open until 18:00.");
            case "/tools/broken" -> Reply.status(500);
            case "/tools/noResult" -> Reply.json("{\"answer\": \"forgot the result field\"}");
            case "/tools/notJson" -> new Reply(200, "text/html", "<html>hi</html>", Duration.ZERO);
            default -> Reply.status(404);
        });
        account = emulator.newAccount();
        client = emulator.client(account.apiKey());
        webhook = client.webhooks().create(new CreateWebhookRequest(receiver.url("/fonella/webhooks"),
                List.copyOf(EventType.known()), "all events"));
        client.tools().create(CreateToolRequest.builder().name("lookupOrder").description("Looks up an order")
                .url(toolServer.url("/tools/lookupOrder")).headers(Map.of("X-Fonella-Tool-Secret", TOOL_SECRET))
                .inputSchema(FonellaJson.mapper().readTree(
                        "{\"type\":\"object\",\"properties\":{\"orderNumber\":{\"type\":\"string\"}}}"))
                .build());
        client.tools().create(CreateToolRequest.builder().name("openingHours").description("Opening hours")
                .url(toolServer.url("/tools/openingHours")).method(ToolMethod.GET).build());
    }

    @AfterEach
    void tearDown() {
        receiver.close();
        toolServer.close();
    }

    @Test
    void deliversSignedEventsInOrderInvokesToolsAndLogsTheCall() {
        Call call = emulator.placeCall(account, CallScript.builder()
                .from("+4915112345678").to("+4915792816700")
                .user("Where is my order 4711?")
                .toolCall("lookupOrder", Map.of("orderNumber", "4711"))
                .hang("One moment please.")
                .assistant("Your order ships tomorrow.")
                .toolCall("openingHours", "{\"day\": \"monday\", \"stores\": [\"berlin\", \"hamburg\"]}")
                .endedBy("assistant-ended")
                .build());

        List<Received> deliveries = receiver.requests();
        assertThat(deliveries).extracting(r -> json(r).path("type").asString()).containsExactly(
                "call.started",
                "call.speech_update", "call.speech_update", "call.transcript",
                "call.tool_call",
                "call.hang",
                "call.speech_update", "call.speech_update", "call.transcript",
                "call.tool_call",
                "call.ended",
                "call.summary");
        WebhookVerifier verifier = WebhookVerifier.builder().secret(webhook.secret()).build();
        for (Received delivery : deliveries) {
            assertThat(delivery.method()).isEqualTo("POST");
            assertThat(delivery.path()).isEqualTo("/fonella/webhooks");
            assertThat(delivery.header("Content-Type")).isEqualTo("application/json");
            assertThat(delivery.header("X-Fonella-Signature")).matches("t=\\d+,v1=[0-9a-f]{64}");
            verifier.verify(delivery.body(), delivery::header);
            JsonNode event = json(delivery);
            assertThat(event.path("id").asString()).startsWith("evt_");
            assertThat(event.path("createdAt").asString()).endsWith("Z");
            assertThat(event.path("data").path("call").path("id").asString()).isEqualTo(call.id());
        }
        assertThat(deliveries).extracting(r -> json(r).path("id").asString()).doesNotHaveDuplicates();

        JsonNode started = json(deliveries.get(0)).path("data");
        assertThat(started.path("call").path("status").asString()).isEqualTo("in-progress");
        assertThat(started.path("call").path("customerPhone").asString()).isEqualTo("+4915112345678");
        JsonNode speech = json(deliveries.get(1)).path("data");
        assertThat(speech.path("role").asString()).isEqualTo("user");
        assertThat(speech.path("status").asString()).isEqualTo("started");
        assertThat(json(deliveries.get(2)).path("data").path("status").asString()).isEqualTo("stopped");
        JsonNode transcript = json(deliveries.get(3)).path("data");
        assertThat(transcript.path("message").path("role").asString()).isEqualTo("user");
        assertThat(transcript.path("message").path("text").asString()).isEqualTo("Where is my order 4711?");
        JsonNode toolCall = json(deliveries.get(4)).path("data").path("toolCall");
        assertThat(toolCall.path("name").asString()).isEqualTo("lookupOrder");
        assertThat(toolCall.path("arguments")).isEqualTo(FonellaJson.mapper().readTree("{\"orderNumber\":\"4711\"}"));
        assertThat(toolCall.path("result").asString()).isEqualTo("Order 4711 ships tomorrow.");
        assertThat(json(deliveries.get(5)).path("data").path("message").asString()).isEqualTo("One moment please.");
        JsonNode ended = json(deliveries.get(10)).path("data").path("call");
        assertThat(ended.path("status").asString()).isEqualTo("ended");
        assertThat(ended.path("endedReason").asString()).isEqualTo("assistant-ended");
        assertThat(ended.path("transcriptMessages")).hasSize(4);
        assertThat(ended.path("duration").asInt()).isPositive();
        JsonNode summary = json(deliveries.get(11)).path("data");
        assertThat(summary.path("summary").asString()).isEqualTo(call.summary());

        List<Received> invocations = toolServer.requests();
        assertThat(invocations).hasSize(2);
        Received post = invocations.get(0);
        assertThat(post.method()).isEqualTo("POST");
        assertThat(post.path()).isEqualTo("/tools/lookupOrder");
        assertThat(FonellaJson.mapper().readTree(post.body()))
                .isEqualTo(FonellaJson.mapper().readTree("{\"orderNumber\":\"4711\"}"));
        assertThat(post.header("Content-Type")).isEqualTo("application/json");
        assertThat(post.header("X-Fonella-Tool-Secret")).isEqualTo(TOOL_SECRET);
        assertThat(post.header("X-Fonella-Call-Id")).isEqualTo(call.id());
        assertThat(post.header("X-Fonella-Tool-Call-Id")).isEqualTo(toolCall.path("id").asString());
        Received get = invocations.get(1);
        assertThat(get.method()).isEqualTo("GET");
        assertThat(get.path()).isEqualTo("/tools/openingHours");
        assertThat(get.rawQuery()).isEqualTo("day=monday&stores=berlin&stores=hamburg");
        assertThat(get.body()).isEmpty();
        assertThat(get.header("X-Fonella-Call-Id")).isEqualTo(call.id());
        assertThat(get.header("X-Fonella-Tool-Secret")).isNull();

        assertThat(emulator.toolInvocations()).filteredOn(i -> i.callId().equals(call.id()))
                .allSatisfy(i -> assertThat(i.succeeded()).isTrue())
                .extracting(RecordedToolInvocation::toolName, RecordedToolInvocation::method,
                        RecordedToolInvocation::status, RecordedToolInvocation::result)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("lookupOrder", ToolMethod.POST, 200,
                                "Order 4711 ships tomorrow."),
                        org.assertj.core.groups.Tuple.tuple("openingHours", ToolMethod.GET, 200, "Open until 18:00."));

        Call logged = client.calls().get(call.id());
        assertThat(logged).isEqualTo(call);
        assertThat(client.calls().list().calls()).containsExactly(call);
        assertThat(logged.status()).isEqualTo(CallStatus.ENDED);
        assertThat(logged.endedReason()).isEqualTo("assistant-ended");
        assertThat(logged.transcriptMessages()).containsExactly(
                new TranscriptMessage("user", "Where is my order 4711?"),
                new TranscriptMessage("tool", "lookupOrder: Order 4711 ships tomorrow."),
                new TranscriptMessage("assistant", "Your order ships tomorrow."),
                new TranscriptMessage("tool", "openingHours: Open until 18:00."));
        assertThat(logged.transcript()).isEqualTo("""
                User: Where is my order 4711?
                Tool: lookupOrder: Order 4711 ships tomorrow.
                Assistant: Your order ships tomorrow.
                Tool: openingHours: Open until 18:00.""");
        assertThat(logged.summary()).contains("+4915112345678").contains("Where is my order 4711?")
                .contains("lookupOrder, openingHours").contains("assistant-ended");
        assertThat(logged.duration()).isPositive();
        assertThat(logged.durationFormatted()).matches("\\d+:\\d\\d");
        assertThat(logged.endedAt()).isEqualTo(logged.startedAt().plusSeconds(logged.duration()));

        Webhook after = client.webhooks().list().get(0);
        assertThat(after.failureCount()).isZero();
        assertThat(after.lastDeliveredAt()).isNotNull();
    }

    @Test
    void aFailedCallDeliversCallFailedThenTheSummary() {
        Call call = emulator.placeCall(account, CallScript.builder().user("Hello?")
                .failed("carrier-error", "The carrier dropped the call.").build());

        List<String> types = receiver.requests().stream().map(r -> json(r).path("type").asString()).toList();
        assertThat(types).containsExactly("call.started", "call.speech_update", "call.speech_update",
                "call.transcript", "call.failed", "call.summary");
        JsonNode failed = json(receiver.requests().get(4)).path("data");
        assertThat(failed.path("error").asString()).isEqualTo("The carrier dropped the call.");
        assertThat(failed.path("call").path("status").asString()).isEqualTo("failed");
        assertThat(call.status()).isEqualTo(CallStatus.FAILED);
        assertThat(call.endedReason()).isEqualTo("carrier-error");
        assertThat(call.summary()).contains("The carrier dropped the call.");
        assertThat(client.calls().get(call.id()).status()).isEqualTo(CallStatus.FAILED);
    }

    @Test
    void onlySubscribedEnabledSubscriptionsOfTheAccountReceiveEvents() {
        try (HttpReceiver endedOnly = HttpReceiver.ok(); HttpReceiver paused = HttpReceiver.ok();
                HttpReceiver stranger = HttpReceiver.ok()) {
            client.webhooks().create(CreateWebhookRequest.of(endedOnly.url("/hook"), EventType.CALL_ENDED,
                    EventType.CALL_SUMMARY));
            Webhook disabled = client.webhooks().create(CreateWebhookRequest.of(paused.url("/hook"),
                    EventType.CALL_ENDED));
            client.webhooks().update(disabled.webhookId(), UpdateWebhookRequest.builder().enabled(false).build());
            EmulatorAccount other = emulator.newAccount();
            emulator.client(other.apiKey()).webhooks().create(CreateWebhookRequest.of(stranger.url("/hook"),
                    EventType.CALL_ENDED));

            emulator.placeCall(account, CallScript.builder().user("Hi").assistant("Hello").build());

            assertThat(endedOnly.requests()).extracting(r -> json(r).path("type").asString())
                    .containsExactly("call.ended", "call.summary");
            assertThat(paused.requests()).isEmpty();
            assertThat(stranger.requests()).isEmpty();
        }
    }

    @Test
    void aSlowToolBecomesAnErrorInsteadOfAHang() {
        try (FonellaEmulator impatient = FonellaEmulator.builder().toolTimeout(Duration.ofMillis(300)).start()) {
            toolServer.answer(request -> Reply.result("too late").after(Duration.ofSeconds(3)));
            impatient.client().tools().create(CreateToolRequest.builder().name("lookupOrder").description("slow")
                    .url(toolServer.url("/tools/lookupOrder")).build());
            long started = System.nanoTime();

            Call call = impatient.placeCall(CallScript.builder().user("Where is my order?")
                    .toolCall("lookupOrder", Map.of("orderNumber", "1")).assistant("Sorry, I cannot see it.").build());

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
            assertThat(call.transcriptMessages()).contains(new TranscriptMessage("tool",
                    "lookupOrder failed: the tool did not answer within 300 ms"));
            assertThat(impatient.toolInvocations()).singleElement().satisfies(i -> {
                assertThat(i.succeeded()).isFalse();
                assertThat(i.status()).isNull();
                assertThat(i.error()).isEqualTo("the tool did not answer within 300 ms");
                assertThat(i.duration()).isLessThan(Duration.ofSeconds(1));
            });
        }
    }

    @Test
    void failingAndInvalidToolAnswersAreRecordedAsErrors() {
        client.tools().create(CreateToolRequest.builder().name("broken").description("answers 500")
                .url(toolServer.url("/tools/broken")).build());
        client.tools().create(CreateToolRequest.builder().name("noResult").description("forgets result")
                .url(toolServer.url("/tools/noResult")).build());
        client.tools().create(CreateToolRequest.builder().name("notJson").description("answers HTML")
                .url(toolServer.url("/tools/notJson")).build());

        Call call = emulator.placeCall(account, CallScript.builder().toolCall("broken", Map.of())
                .toolCall("noResult", Map.of()).toolCall("notJson", Map.of()).build());

        assertThat(call.transcriptMessages()).extracting(TranscriptMessage::text).containsExactly(
                "broken failed: the tool answered HTTP 500",
                "noResult failed: the tool answered HTTP 200 without a JSON body holding a 'result' string",
                "notJson failed: the tool answered HTTP 200 without a JSON body holding a 'result' string");
        List<JsonNode> toolCalls = receiver.requests().stream().map(SimulatedCallIT::json)
                .filter(e -> e.path("type").asString().equals("call.tool_call"))
                .map(e -> e.path("data").path("toolCall")).toList();
        assertThat(toolCalls).hasSize(3).allSatisfy(t -> {
            assertThat(t.has("result")).isFalse();
            assertThat(t.path("error").asString()).startsWith("the tool answered HTTP");
        });
        assertThat(emulator.toolInvocations()).filteredOn(i -> i.callId().equals(call.id()))
                .extracting(RecordedToolInvocation::status).containsExactly(500, 200, 200);
    }

    @Test
    void callingAnUnregisteredOrDisabledToolRecordsAnError() {
        String toolId = client.tools().findByName("openingHours").orElseThrow().toolId();
        client.tools().update(toolId, UpdateToolRequest.builder().enabled(false).build());

        Call call = emulator.placeCall(account, CallScript.builder().toolCall("refundOrder", Map.of("amount", 5))
                .toolCall("openingHours", Map.of()).build());

        assertThat(call.transcriptMessages()).extracting(TranscriptMessage::text).containsExactly(
                "refundOrder failed: no tool named 'refundOrder' is registered in this account",
                "openingHours failed: the tool 'openingHours' is disabled");
        assertThat(emulator.toolInvocations()).filteredOn(i -> i.callId().equals(call.id()))
                .allSatisfy(i -> {
                    assertThat(i.succeeded()).isFalse();
                    assertThat(i.url()).isNull();
                })
                .extracting(RecordedToolInvocation::toolId).containsExactly(null, toolId);
        assertThat(toolServer.requests()).isEmpty();
    }

    @Test
    void theStandardWebhooksSchemeSignsWithWebhookHeaders() {
        try (FonellaEmulator standard = FonellaEmulator.builder()
                .signatureScheme(SignatureScheme.STANDARD_WEBHOOKS).start()) {
            Webhook subscription = standard.client().webhooks().create(CreateWebhookRequest.of(receiver.url("/std"),
                    EventType.CALL_ENDED));

            standard.placeCall(CallScript.builder().user("Hi").build());

            Received delivery = receiver.requests().stream().filter(r -> r.path().equals("/std")).findFirst()
                    .orElseThrow();
            assertThat(delivery.header("webhook-id")).isEqualTo(json(delivery).path("id").asString());
            assertThat(delivery.header("webhook-timestamp")).matches("\\d+");
            assertThat(delivery.header("webhook-signature")).startsWith("v1,");
            assertThat(delivery.header("X-Fonella-Signature")).isNull();
            WebhookVerifier.builder().scheme(SignatureScheme.STANDARD_WEBHOOKS).secret(subscription.secret()).build()
                    .verify(delivery.body(), delivery::header);
        }
    }

    @Test
    void placeCallAsyncCompletesWithTheLoggedCall() throws Exception {
        Call call = emulator.placeCallAsync(account, CallScript.builder().user("Async hello").build())
                .get(10, TimeUnit.SECONDS);

        assertThat(client.calls().get(call.id())).isEqualTo(call);
        assertThat(receiver.requests()).extracting(r -> json(r).path("type").asString())
                .contains("call.started", "call.ended", "call.summary");
    }

    static JsonNode json(Received request) {
        return FonellaJson.mapper().readTree(request.body());
    }
}
