package ai.fonella.samples.plainjava;

import ai.fonella.model.Call;
import ai.fonella.tool.ToolSchemaGenerator;
import ai.fonella.test.CallScript;
import ai.fonella.test.FonellaEmulator;
import ai.fonella.tool.ToolDefinition;
import java.io.IOException;
import java.io.PrintStream;
import java.time.LocalDate;
import java.util.Map;

/**
 * The demo: the order desk server registered with a Fonella emulator in this JVM, which places one
 * scripted call; then it exits. It lives with the tests, so the app itself never carries the
 * emulator: {@code mvn -q -pl samples/plain-java -am -Pdemo verify} runs it on the test class path.
 */
public final class PlainJavaDemo {

    private PlainJavaDemo() {
    }

    public static void main(String[] args) throws IOException {
        demo(System.out);
    }

    /** The same server as {@code Main} runs, registered with an emulator in this JVM that places one call. */
    static Call demo(PrintStream out) throws IOException {
        out.println("No FONELLA_API_KEY set: running against an embedded Fonella emulator.");
        try (FonellaEmulator emulator = FonellaEmulator.builder().start();
                OrderDeskServer desk = OrderDeskServer.start(
                        new OrderDeskServer.Settings(emulator.apiKey(), emulator.baseUrl(), null, 0, true), out)) {
            ToolDefinition bookCallback = desk.definitions().stream()
                    .filter(definition -> definition.name().equals("bookCallback")).findFirst().orElseThrow();
            out.println("The inputSchema registered for bookCallback:\n"
                    + ToolSchemaGenerator.toPrettyJson(bookCallback.inputSchema()).indent(2).stripTrailing());

            out.println("Placing a simulated call:");
            Call placed = emulator.placeCall(CallScript.builder()
                    .from("+4915112345678")
                    .user("Where is my order A-1007?")
                    .toolCall("lookupOrder", Map.of("orderNumber", "A-1007"))
                    .user("Sorry, A-1001. Has it shipped?")
                    .toolCall("lookupOrder", Map.of("orderNumber", "A-1001", "expectedStatus", "SHIPPED"))
                    .user("Please call me back tomorrow at ten.")
                    .toolCall("bookCallback", Map.of("date", LocalDate.now().plusDays(1).toString(),
                            "time", "10:00", "phoneNumber", "+4915112345678"))
                    .assistant("Done. Goodbye!")
                    .summary("The caller asked about order A-1001 (shipped) and booked a callback for tomorrow "
                            + "at 10:00.")
                    .build());

            Call logged = desk.client().calls().get(placed.id()); // GET /v1/calls/{callId}
            out.println("The call log (GET /v1/calls/" + logged.id() + "):\n"
                    + logged.transcript().indent(2).stripTrailing() + "\n  Summary: " + logged.summary());
            out.println("The handlers stored: call.ended " + desk.callLog().endedCall(placed.id()).isPresent()
                    + ", summary " + desk.callLog().summary(placed.id()).isPresent() + ", "
                    + desk.callLog().transcript(placed.id()).size() + " transcript lines; callbacks booked: "
                    + desk.orderTools().callbacks());
            out.println("Done. Against the real service: FONELLA_API_KEY=fon_live_... PUBLIC_URL=https://... "
                    + "(see samples/plain-java/README.md).");
            return placed;
        }
    }

}
