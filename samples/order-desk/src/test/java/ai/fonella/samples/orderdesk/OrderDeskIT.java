package ai.fonella.samples.orderdesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import ai.fonella.model.Call;
import ai.fonella.samples.orderdesk.callbacks.Callback;
import ai.fonella.samples.orderdesk.callbacks.CallbackRepository;
import ai.fonella.samples.orderdesk.calls.CallRecord;
import ai.fonella.samples.orderdesk.calls.CallRepository;
import ai.fonella.samples.orderdesk.calls.CallsController.CallView;
import ai.fonella.spring.boot.test.AutoConfigureFonellaEmulator;
import ai.fonella.spring.boot.test.FonellaTestClient;
import ai.fonella.test.CallScript;
import ai.fonella.test.FonellaEmulator;
import ai.fonella.test.RecordedToolInvocation;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * The whole app against the Fonella emulator: the starter registers the tools and the webhook
 * subscription with the emulator at the app's random port, and simulated calls reach the app over
 * real HTTP, exactly as Fonella would.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureFonellaEmulator
class OrderDeskIT {

    static final String CALLER = "+4915112345678";

    @Autowired
    FonellaEmulator emulator;

    @Autowired
    FonellaTestClient fonella;

    @Autowired
    CallRepository calls;

    @Autowired
    CallbackRepository callbacks;

    @Autowired
    JdbcClient database;

    @LocalServerPort
    int port;

    RestClient http;

    @BeforeEach
    void setUp() {
        http = RestClient.create("http://localhost:" + port);
    }

    @Test
    void aSimulatedCallInvokesTheToolsAndEndsUpInTheDatabase() {
        LocalDate tomorrow = LocalDate.now().plusDays(1);
        Call call = emulator.placeCall(CallScript.builder()
                .from(CALLER)
                .user("Where is my order A-1001?")
                .toolCall("lookupOrder", Map.of("orderNumber", "A-1001"))
                .assistant("It has shipped.")
                .user("Please call me back tomorrow at ten.")
                .toolCall("bookCallback", Map.of("date", tomorrow.toString(), "time", "10:00",
                        "phoneNumber", CALLER, "topic", "Delivery address"))
                .endedBy("customer-ended")
                .summary("Asked about A-1001; callback booked.")
                .build());

        assertThat(emulator.toolInvocations()).filteredOn(invocation -> call.id().equals(invocation.callId()))
                .extracting(RecordedToolInvocation::toolName, RecordedToolInvocation::succeeded)
                .containsExactly(tuple("lookupOrder", true), tuple("bookCallback", true));
        assertThat(emulator.toolInvocations()).filteredOn(invocation -> call.id().equals(invocation.callId()))
                .extracting(RecordedToolInvocation::result).first().asString()
                .startsWith("Order A-1001 (one blue teapot) has shipped. It should arrive on ");

        // Each event's deliveries finish before the next event, so both rows are there already;
        // await anyway, as a copyable pattern for asynchronous handlers.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(calls.find(call.id()))
                .hasValueSatisfying(stored -> assertThat(stored.summary()).isNotNull()));
        CallRecord stored = calls.find(call.id()).orElseThrow();
        assertThat(stored.customerPhone()).isEqualTo(CALLER);
        assertThat(stored.endedReason()).isEqualTo("customer-ended");
        assertThat(stored.durationSeconds()).isPositive();
        assertThat(stored.startedAt()).isBefore(stored.endedAt());
        assertThat(stored.transcript()).contains("User: Where is my order A-1001?")
                .contains("lookupOrder: Order A-1001");
        assertThat(stored.summary()).isEqualTo("Asked about A-1001; callback booked.");

        assertThat(callbacks.findByCallId(call.id())).singleElement().satisfies(callback -> {
            assertThat(callback.date()).isEqualTo(tomorrow);
            assertThat(callback.time()).isEqualTo(LocalTime.of(10, 0));
            assertThat(callback.phoneNumber()).isEqualTo(CALLER);
            assertThat(callback.topic()).isEqualTo("Delivery address");
        });
        assertThat(emulator.deliveries()).filteredOn(delivery -> delivery.body().contains(call.id()))
                .isNotEmpty()
                .allSatisfy(delivery -> assertThat(delivery.succeeded()).isTrue());
    }

    @Test
    void anUnknownOrderGetsAnAnswerTheAssistantCanSay() {
        FonellaTestClient.Response answer = fonella.invokeTool("lookupOrder", "{\"orderNumber\":\"Z-9999\"}");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.result()).isEqualTo("I could not find order Z-9999. Could you check the number?");
    }

    @Test
    void aConstraintViolationIsSpokenBackAndBooksNothing() {
        int before = callbacks.findAll().size();

        FonellaTestClient.Response answer = fonella.invokeTool("bookCallback", "{\"date\":\""
                + LocalDate.now().plusDays(1) + "\",\"time\":\"10:00\",\"phoneNumber\":\"0151 12345678\"}");

        // the schema states the @Pattern, so the argument is refused against it before the method runs
        assertThat(answer.result()).isEqualTo("The argument 'phoneNumber' must match \"\\+[1-9][0-9]{6,14}\".");
        assertThat(callbacks.findAll()).hasSize(before);
    }

    @Test
    void redeliveredEventsLeaveOneRowPerCall() {
        Call call = emulator.placeCall(CallScript.builder().from(CALLER).user("Hello?").summary("A short call.")
                .build());
        List<String> eventIds = emulator.deliveries().stream()
                .filter(delivery -> delivery.body().contains(call.id()))
                .map(delivery -> delivery.eventId()).distinct().toList();

        eventIds.forEach(emulator::redeliver);
        // The starter drops the duplicates, remembered in the app's database (shared by every
        // instance); the writes are idempotent as well: recording again changes nothing.
        assertThat(database.sql("SELECT COUNT(*) FROM fonella_event_claims WHERE completed = 1 AND event_id IN (:ids)")
                .param("ids", eventIds).query(Long.class).single()).isGreaterThanOrEqualTo(eventIds.size());
        calls.recordEnded(emulator.client().calls().get(call.id()));
        calls.recordSummary(call.id(), "A short call.");

        assertThat(calls.findAll()).filteredOn(stored -> stored.callId().equals(call.id())).singleElement()
                .satisfies(stored -> {
                    assertThat(stored.summary()).isEqualTo("A short call.");
                    assertThat(stored.endedReason()).isEqualTo("customer-ended");
                });
    }

    @Test
    void theCallsEndpointShowsStoredCallsWithTheirCallbacks() {
        Call call = emulator.placeCall(CallScript.builder()
                .from(CALLER)
                .toolCall("bookCallback", Map.of("date", LocalDate.now().plusDays(2).toString(), "time", "16:30",
                        "phoneNumber", CALLER))
                .summary("Callback booked.")
                .build());

        CallView[] listed = http.get().uri("/calls").retrieve().body(CallView[].class);

        assertThat(listed).filteredOn(view -> view.callId().equals(call.id())).singleElement().satisfies(view -> {
            assertThat(view.summary()).isEqualTo("Callback booked.");
            assertThat(view.endedReason()).isEqualTo("customer-ended");
            assertThat(view.callbacks()).extracting(Callback::time).containsExactly(LocalTime.of(16, 30));
        });
        assertThat(http.get().uri("/calls/{id}", call.id()).retrieve().body(CallView.class).callId())
                .isEqualTo(call.id());
    }

    @Test
    void actuatorShowsTheFonellaHealthAndEndpoint() {
        JsonNode health = http.get().uri("/actuator/health").retrieve().body(JsonNode.class);
        JsonNode fonellaEndpoint = http.get().uri("/actuator/fonella").retrieve().body(JsonNode.class);

        assertThat(health.at("/components/fonella/status").asString()).isEqualTo("UP");
        assertThat(health.at("/components/db/status").asString()).isEqualTo("UP");
        assertThat(fonellaEndpoint.at("/sync/state").asString()).isEqualTo("SYNCED");
        assertThat(fonellaEndpoint.get("tools").valueStream().map(tool -> tool.get("name").asString()))
                .containsExactlyInAnyOrder("lookupOrder", "bookCallback");
    }
}
