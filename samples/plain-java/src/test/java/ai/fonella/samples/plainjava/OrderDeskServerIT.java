package ai.fonella.samples.plainjava;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ai.fonella.client.FonellaClient;
import ai.fonella.model.Call;
import ai.fonella.model.EventType;
import ai.fonella.model.TranscriptMessage;
import ai.fonella.test.CallScript;
import ai.fonella.test.FonellaEmulator;
import ai.fonella.test.FonellaEmulatorTest;
import ai.fonella.test.RecordedToolInvocation;
import ai.fonella.webhook.SignatureScheme;
import ai.fonella.webhook.WebhookSigner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The plain Java server against the emulator: registration, a full simulated call, and what it rejects. */
@FonellaEmulatorTest(resetBeforeEach = true) // each test starts a server on a new port, which owns new tools
class OrderDeskServerIT {

    final ByteArrayOutputStream console = new ByteArrayOutputStream();
    final HttpClient http = HttpClient.newHttpClient();
    OrderDeskServer desk;

    @BeforeEach
    void start(FonellaEmulator emulator) throws IOException {
        desk = OrderDeskServer.start(new OrderDeskServer.Settings(emulator.apiKey(), emulator.baseUrl(), null, 0, true),
                new PrintStream(console, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() {
        desk.close();
    }

    @Test
    void registersTheToolsWithTheirSecretAndSubscribesToTheHandledEvents(FonellaClient client) {
        assertThat(client.tools().list()).filteredOn(desk.endpoint()::owns)
                .allSatisfy(tool -> assertThat(tool.headers()).containsEntry("X-Fonella-Tool-Secret",
                        desk.endpoint().secret()))
                .extracting(tool -> tool.name()).containsExactlyInAnyOrder("lookupOrder", "bookCallback");
        assertThat(client.webhooks().list()).filteredOn(webhook -> desk.endpoint().webhookUrl().equals(webhook.url()))
                .singleElement().satisfies(webhook -> assertThat(webhook.events()).containsExactlyInAnyOrder(
                        EventType.CALL_ENDED, EventType.CALL_SUMMARY, EventType.CALL_TRANSCRIPT));
    }

    @Test
    void aSimulatedCallInvokesTheToolsAndDeliversTheEvents(FonellaEmulator emulator) {
        LocalDate tomorrow = LocalDate.now().plusDays(1);
        Call call = emulator.placeCall(CallScript.builder()
                .from("+4915112345678")
                .user("Where is my order A-1007?")
                .toolCall("lookupOrder", Map.of("orderNumber", "A-1007"))
                .user("Sorry, A-1001.")
                .toolCall("lookupOrder", Map.of("orderNumber", "A-1001", "expectedStatus", "SHIPPED"))
                .toolCall("bookCallback", Map.of("date", tomorrow.toString(), "time", "10:00",
                        "phoneNumber", "+4915112345678"))
                .summary("Order A-1001 has shipped; callback booked.")
                .build());

        assertThat(emulator.toolInvocations()).filteredOn(invocation -> call.id().equals(invocation.callId()))
                .extracting(RecordedToolInvocation::toolName, RecordedToolInvocation::result)
                .containsExactly(
                        tuple("lookupOrder", "I could not find order A-1007. Could you check the number?"),
                        tuple("lookupOrder", "Yes. Order A-1001 is shipped."),
                        tuple("bookCallback", "The callback is booked for " + tomorrow + " at 10:00."));
        assertThat(desk.orderTools().callbacks()).singleElement()
                .satisfies(callback -> assertThat(callback.callId()).isEqualTo(call.id()));
        assertThat(desk.callLog().endedCall(call.id())).hasValueSatisfying(ended ->
                assertThat(ended.endedReason()).isEqualTo("customer-ended"));
        assertThat(desk.callLog().summary(call.id())).hasValue("Order A-1001 has shipped; callback booked.");
        assertThat(desk.callLog().transcript(call.id())).extracting(TranscriptMessage::text)
                .containsExactly("Where is my order A-1007?", "Sorry, A-1001.");
        assertThat(emulator.deliveries()).filteredOn(delivery -> delivery.body().contains(call.id()))
                .isNotEmpty()
                .allSatisfy(delivery -> assertThat(delivery.succeeded()).isTrue());
    }

    @Test
    void rejectsToolCallsWithoutTheSecret() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create(desk.endpoint().toolUrl("lookupOrder")))
                .header("Content-Type", "application/json")
                .header("X-Fonella-Tool-Secret", "guessed")
                .POST(HttpRequest.BodyPublishers.ofString("{\"orderNumber\":\"A-1001\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void rejectsWebhooksSignedWithAnotherSecret() throws Exception {
        String body = "{\"id\":\"evt_forged\",\"type\":\"call.ended\",\"createdAt\":\"" + Instant.now()
                + "\",\"data\":{\"call\":{\"id\":\"forged\"}}}";
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(desk.endpoint().webhookUrl()))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        WebhookSigner.of(SignatureScheme.FONELLA, WebhookSigner.generateSecret())
                .sign("evt_forged", Instant.now(), body.getBytes(StandardCharsets.UTF_8)).forEach(request::header);

        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(desk.callLog().endedCall("forged")).isEmpty();
    }
}
