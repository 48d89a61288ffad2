package ai.fonella.samples.orderdesk.demo;

import ai.fonella.client.FonellaClient;
import ai.fonella.model.Call;
import ai.fonella.model.ListCallsParams;
import ai.fonella.samples.orderdesk.callbacks.Callback;
import ai.fonella.samples.orderdesk.callbacks.CallbackRepository;
import ai.fonella.samples.orderdesk.calls.CallRecord;
import ai.fonella.samples.orderdesk.calls.CallRepository;
import ai.fonella.spring.boot.autoconfigure.FonellaStartupSync;
import ai.fonella.spring.boot.autoconfigure.FonellaSyncStatus;
import ai.fonella.test.CallScript;
import ai.fonella.test.FonellaEmulator;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;

/**
 * Once the app is ready, has the emulator place a scripted call (the caller asks for an order's
 * status, first with a wrong number, and books a callback), then reads the call back from the
 * call log ({@code GET /v1/calls}) and shows what ended up in the database.
 */
final class DemoCall {

    private static final Logger log = LoggerFactory.getLogger(DemoCall.class);
    private static final String CALLER = "+4915112345678";

    private final FonellaEmulator emulator;
    private final FonellaClient client;
    private final FonellaStartupSync sync;
    private final CallRepository calls;
    private final CallbackRepository callbacks;
    private final Environment environment;

    DemoCall(FonellaEmulator emulator, FonellaClient client, FonellaStartupSync sync, CallRepository calls,
            CallbackRepository callbacks, Environment environment) {
        this.emulator = emulator;
        this.client = client;
        this.sync = sync;
        this.calls = calls;
        this.callbacks = callbacks;
        this.environment = environment;
    }

    @EventListener(ApplicationReadyEvent.class)
    void placeCall() {
        String app = "http://localhost:" + environment.getProperty("local.server.port", "8080");
        FonellaSyncStatus status = sync.status();
        if (status.state() != FonellaSyncStatus.State.SYNCED) {
            log.warn("The app is not registered with the emulator ({}: {}); no demo call.", status.state(),
                    status.message());
            return;
        }
        try {
            log.info("Order Desk is up at {}. The emulator now places a simulated call: the caller asks where "
                    + "their order is and books a callback.", app);
            Call placed = emulator.placeCall(script());
            showCallLog(placed.id());
            showDatabase(placed.id());
        } catch (RuntimeException e) {
            log.error("The demo call failed: {}", e.toString(), e);
        }
        showNextSteps(app);
    }

    private static CallScript script() {
        LocalDate tomorrow = LocalDate.now().plusDays(1);
        return CallScript.builder()
                .from(CALLER)
                .assistant("Hello, you're through to the order desk. How can I help?")
                .user("Hi! I ordered a teapot last week, order A-1007. Where is it?")
                .toolCall("lookupOrder", Map.of("orderNumber", "A-1007"))
                .assistant("I could not find order A-1007. Could you check the number?")
                .user("Oh, sorry, it's A-1001. Has it shipped yet?")
                .toolCall("lookupOrder", Map.of("orderNumber", "A-1001", "expectedStatus", "SHIPPED"))
                .assistant("Yes, order A-1001 has shipped and should arrive in two days.")
                .user("Great. Could someone call me back tomorrow at ten? I'd like to add a second cup.")
                .toolCall("bookCallback", Map.of("date", tomorrow.toString(), "time", "10:00",
                        "phoneNumber", CALLER, "topic", "Add a second cup to order A-1001"))
                .assistant("Done: we'll call you back tomorrow at 10:00 on this number.")
                .user("Perfect, thanks. Bye!")
                .endedBy("customer-ended")
                .summary("The caller asked about order A-1001 (after first giving the unknown number A-1007): it "
                        + "has shipped. A callback is booked for " + tomorrow + " at 10:00 to add a second cup.")
                .build();
    }

    /** What Fonella's call log says about the call, through the same client the app uses. */
    private void showCallLog(String callId) {
        Call call = client.calls().list(ListCallsParams.limit(10)).calls().stream()
                .filter(listed -> listed.id().equals(callId))
                .findFirst()
                .orElseGet(() -> client.calls().get(callId));
        log.info("""
                The call, read back from the call log (GET /v1/calls):
                  id {}, from {}, {} ({}), ended: {}
                {}
                  Summary: {}""",
                call.id(), call.customerPhone(), call.durationFormatted(), call.status(), call.endedReason(),
                indent(call.transcript()), call.summary());
    }

    /** What the event handlers and tools stored. */
    private void showDatabase(String callId) {
        CallRecord stored = calls.find(callId).orElse(null);
        List<Callback> booked = callbacks.findByCallId(callId);
        if (stored == null) {
            log.warn("No row for call {} in the database yet.", callId);
            return;
        }
        log.info("""
                Stored in the database:
                  calls     {} | {} | {} s | summary: {}
                  callbacks {}""",
                stored.callId(), stored.endedReason(), stored.durationSeconds(),
                stored.summary() == null ? "no" : "yes",
                booked.isEmpty() ? "none" : booked.stream()
                        .map(callback -> callback.date() + " " + callback.time() + " " + callback.phoneNumber() + " ("
                                + callback.topic() + ")")
                        .collect(Collectors.joining("\n            ")));
    }

    private void showNextSteps(String app) {
        log.info("""
                Where to look next:
                  emulator console    {}  (this call, live calls, try the tools, deliveries)
                  stored calls        {}/  (JSON: {}/calls, {}/callbacks)
                  health              {}/actuator/health
                  tools and sync      {}/actuator/fonella
                  place another call  curl -X POST {}/_emulator/calls -H 'Content-Type: application/json' \\
                                        -d '{"steps":[{"user":"Is A-1002 on its way?"},{"tool":"lookupOrder","arguments":{"orderNumber":"A-1002"}}]}'
                  go live             set FONELLA_API_KEY and FONELLA_PUBLIC_URL (samples/order-desk/README.md)
                The app keeps serving; press Ctrl+C to stop.""",
                emulator.consoleUrl(), app, app, app, app, app, emulator.baseUrl());
    }

    private static String indent(String text) {
        return text == null ? "  (no transcript)" : text.lines().map(line -> "  | " + line)
                .collect(Collectors.joining("\n"));
    }
}
