package ai.fonella.spring.boot.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.fonella.client.FonellaClient;
import ai.fonella.support.FonellaJson;
import ai.fonella.spring.boot.registry.FonellaHandlerRegistry;
import ai.fonella.test.RecordedRequest;
import ai.fonella.tool.ToolDefinition;
import ai.fonella.tool.ToolDefinitions;
import java.nio.charset.StandardCharsets;
import org.springframework.util.ClassUtils;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import ai.fonella.model.Call;
import ai.fonella.model.EventType;
import ai.fonella.model.Tool;
import ai.fonella.model.ToolMethod;
import ai.fonella.model.Webhook;
import ai.fonella.spring.boot.registry.FonellaSecrets;
import ai.fonella.spring.boot.it.app.CallEvents;
import ai.fonella.spring.boot.it.app.OrderApp;
import ai.fonella.spring.boot.it.app.OrderTools;
import ai.fonella.spring.boot.test.AutoConfigureFonellaEmulator;
import ai.fonella.spring.boot.test.FonellaTestClient;
import ai.fonella.test.CallScript;
import ai.fonella.test.FonellaEmulator;
import ai.fonella.test.RecordedToolInvocation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A full app against the emulator over real HTTP: registration, a simulated call, the handlers. */
@SpringBootTest(classes = OrderApp.class, webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureFonellaEmulator
class FonellaStarterIT {

    @Autowired
    FonellaEmulator emulator;

    @Autowired
    FonellaTestClient fonella;

    @Autowired
    FonellaSecrets secrets;

    @Autowired
    CallEvents events;

    @Autowired
    OrderTools orderTools;

    @LocalServerPort
    int port;

    @Test
    void registersEveryToolWithItsSchemaUrlAndSecretHeader() {
        List<Tool> tools = emulator.client().tools().list();

        assertThat(tools).extracting(Tool::name)
                .containsExactlyInAnyOrder("lookupOrder", "openOrders", "slowTool", "bookCallback", "greet");
        String prefix = "http://127.0.0.1:" + port + "/fonella/tools/";
        String secret = secrets.toolSecret().orElseThrow();
        assertThat(tools).allSatisfy(tool -> {
            assertThat(tool.url()).isEqualTo(prefix + tool.name());
            assertThat(tool.headers()).containsEntry("X-Fonella-Tool-Secret", secret);
        });
        Tool lookup = tools.stream().filter(tool -> tool.name().equals("lookupOrder")).findFirst().orElseThrow();
        assertThat(lookup.method()).isEqualTo(ToolMethod.POST);
        assertThat(lookup.description()).isEqualTo("Look up the status of a customer order by order number");
        assertThat(lookup.inputSchema().toString()).isEqualTo("{\"type\":\"object\",\"properties\":{"
                + "\"orderNumber\":{\"type\":\"string\",\"description\":\"The order number, e.g. A-1001\"},"
                + "\"expectedStatus\":{\"type\":\"string\",\"enum\":[\"PLACED\",\"SHIPPED\",\"DELIVERED\"],"
                + "\"description\":\"The status the caller expects\"}},"
                + "\"required\":[\"orderNumber\"],\"additionalProperties\":false}");
        Tool open = tools.stream().filter(tool -> tool.name().equals("openOrders")).findFirst().orElseThrow();
        assertThat(open.method()).isEqualTo(ToolMethod.GET);
    }

    /**
     * The starter's half of the proof that the Maven plugin's export and the starter register the
     * same schema bytes: what the starter sent in each {@code POST /v1/tools} equals fonella-core's
     * canonical serialization of the definition, which {@code SchemaByteIdentityIT} in the plugin
     * shows the export writes.
     */
    @Test
    void sendsExactlyTheCanonicalSchemaBytesOfEachDefinition(@Autowired FonellaHandlerRegistry registry) {
        Map<String, byte[]> sent = new java.util.HashMap<>();
        for (RecordedRequest request : emulator.requests()) {
            if (request.is("POST", "/v1/tools") && request.status() == 201) {
                byte[] body = request.body().getBytes(StandardCharsets.UTF_8);
                sent.put(FonellaJson.mapper().readTree(body).get("name").asString(), rawValue(body, "inputSchema"));
            }
        }

        assertThat(sent).containsOnlyKeys(registry.tools().keySet());
        registry.tools().forEach((name, tool) -> {
            ToolDefinition definition = ToolDefinitions.of(ClassUtils.getUserClass(tool.tool().target()),
                    tool.definition().javaMethod());
            assertThat(new String(sent.get(name), StandardCharsets.UTF_8)).as(name)
                    .isEqualTo(new String(FonellaJson.mapper().writeValueAsBytes(definition.inputSchema()),
                            StandardCharsets.UTF_8));
        });
    }

    private static byte[] rawValue(byte[] json, String field) {
        try (JsonParser parser = FonellaJson.mapper().createParser(json)) {
            parser.nextToken();
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                if (name.equals(field)) {
                    int start = (int) parser.currentTokenLocation().getByteOffset();
                    parser.skipChildren();
                    return java.util.Arrays.copyOfRange(json, start, (int) parser.currentLocation().getByteOffset());
                }
                parser.skipChildren();
            }
        }
        throw new AssertionError("No " + field + " in " + new String(json, StandardCharsets.UTF_8));
    }

    @Test
    void subscribesToExactlyTheEventsItsHandlersListenTo() {
        List<Webhook> webhooks = emulator.client().webhooks().list();

        assertThat(webhooks).hasSize(1);
        assertThat(webhooks.get(0).url()).isEqualTo("http://127.0.0.1:" + port + "/fonella/webhooks");
        assertThat(webhooks.get(0).events()).containsExactlyInAnyOrder(EventType.CALL_ENDED, EventType.CALL_SUMMARY,
                EventType.CALL_TRANSCRIPT);
        assertThat(secrets.webhookSecrets()).containsExactly(webhooks.get(0).secret());
    }

    @Test
    void aSimulatedCallInvokesTheToolsAndDeliversTheEventsToTheHandlers() {
        int endedBefore = events.ended.size();
        Call call = emulator.placeCall(CallScript.builder()
                .from("+4915112345678")
                .user("Where is my order A-1001?")
                .toolCall("lookupOrder", Map.of("orderNumber", "A-1001"))
                .assistant("Your order has shipped.")
                .user("Please call me back tomorrow at nine.")
                .toolCall("bookCallback", Map.of("date", "2026-11-25", "time", "09:00:00", "phoneNumber", "+4915112345678"))
                .toolCall("openOrders", Map.of("region", "north"))
                .endedBy("customer-ended")
                .summary("The caller asked about order A-1001 and booked a callback.")
                .build());

        List<RecordedToolInvocation> invocations = emulator.toolInvocations().stream()
                .filter(invocation -> call.id().equals(invocation.callId())).toList();
        assertThat(invocations).extracting(RecordedToolInvocation::toolName, RecordedToolInvocation::result)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("lookupOrder", "Order A-1001 is shipped."),
                        org.assertj.core.groups.Tuple.tuple("bookCallback", "Callback booked for 2026-11-25 at 09:00."),
                        org.assertj.core.groups.Tuple.tuple("openOrders", "3"));
        assertThat(orderTools.callIds).contains(call.id());
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(events.ended).hasSizeGreaterThan(endedBefore);
            assertThat(events.summaries).contains("The caller asked about order A-1001 and booked a callback.");
        });
        assertThat(events.ended.get(events.ended.size() - 1).call().id()).isEqualTo(call.id());
        assertThat(events.transcriptCalls).extracting(Call::id).contains(call.id());
        Call stored = emulator.client().calls().get(call.id());
        assertThat(stored.transcript()).contains("Where is my order A-1001?");
        assertThat(emulator.deliveries()).filteredOn(delivery -> delivery.body().contains(call.id()))
                .allSatisfy(delivery -> assertThat(delivery.succeeded()).isTrue());
    }

    @Test
    void invokesAProxiedBeanThroughItsProxySoValidationApplies() {
        FonellaTestClient.Response valid = fonella.invokeTool("bookCallback",
                "{\"date\":\"2026-11-25\",\"time\":\"09:30:00\",\"phoneNumber\":\"+4915112345678\"}");
        FonellaTestClient.Response invalid = fonella.invokeTool("bookCallback",
                "{\"date\":\"2026-11-25\",\"time\":\"09:30:00\",\"phoneNumber\":\"not a number\"}");

        assertThat(valid.result()).isEqualTo("Callback booked for 2026-11-25 at 09:30.");
        assertThat(invalid.status()).isEqualTo(200);
        assertThat(invalid.result()).isEqualTo("The argument 'phoneNumber' must match \"\\+[0-9]{6,15}\".");
    }

    @Test
    void servesAToolDeclaredOnAnInterfaceAndAGetTool() {
        assertThat(fonella.invokeTool("greet", "{\"name\":\"Zoë\"}").result()).isEqualTo("Hello, Zoë!");
        assertThat(fonella.invokeTool("openOrders", "{\"region\":\"north\"}").result()).isEqualTo("3");
    }

    @Test
    void speaksToolResultExceptionsVerbatimAndNamesMissingArguments() {
        assertThat(fonella.invokeTool("lookupOrder", "{\"orderNumber\":\"Z-9\"}").result())
                .isEqualTo("I could not find order Z-9.");
        assertThat(fonella.invokeTool("lookupOrder", "{}").result()).contains("orderNumber");
    }

    @Test
    void answersASlowToolWithTheFallbackWithinItsDeadline() {
        long start = System.nanoTime();
        FonellaTestClient.Response response = fonella.invokeTool("slowTool", "{}");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.result()).isEqualTo("Sorry, that is taking longer than expected. Please try again in a "
                + "moment.");
        assertThat(took).isLessThan(Duration.ofMillis(300 + 700));
    }

    @Test
    void theClientBeanIsAvailableToTheApp(@Autowired FonellaClient client) {
        assertThat(client.baseUri().toString()).isEqualTo(emulator.baseUrl() + "/");
        assertThat(client.calls().list().calls()).isNotNull();
    }
}
