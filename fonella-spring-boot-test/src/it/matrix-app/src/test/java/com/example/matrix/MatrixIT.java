package com.example.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import ai.fonella.model.Call;
import ai.fonella.model.EventType;
import ai.fonella.model.Tool;
import ai.fonella.spring.boot.test.AutoConfigureFonellaEmulator;
import ai.fonella.spring.boot.test.FonellaTestClient;
import ai.fonella.test.CallScript;
import ai.fonella.test.FonellaEmulator;
import ai.fonella.test.RecordedRequest;
import ai.fonella.test.RecordedToolInvocation;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The app on this Boot line (system property {@code matrix.line}), started on a random port against
 * the emulator with the test support: every capability over real HTTP.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureFonellaEmulator
class MatrixIT {

    static final String LINE = System.getProperty("matrix.line", "unknown");

    @Autowired
    FonellaEmulator emulator;

    @Autowired
    FonellaTestClient fonella;

    @Autowired
    ShopTools tools;

    @Autowired
    CallEvents events;

    @Autowired
    ApplicationContext context;

    @Value("${local.server.port}")
    int port;

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /**
     * Writes the exact {@code POST /v1/tools} bodies the app sent, one a line, from which the
     * scenario's verify script compares the {@code inputSchema} bytes with those of every other line.
     */
    @Test
    void registersItsToolsAndWritesTheBodiesItSent() throws Exception {
        List<String> bodies = emulator.requests().stream()
                .filter(request -> request.is("POST", "/v1/tools") && request.status() == 201)
                .map(RecordedRequest::body).toList();
        assertThat(emulator.client().tools().list()).extracting(Tool::name)
                .containsExactlyInAnyOrder("lookupOrder", "openOrders", "placeOrder", "slowStockCheck");
        assertThat(emulator.client().tools().list()).allSatisfy(tool ->
                assertThat(tool.url()).startsWith("http://127.0.0.1:" + port + "/fonella/tools/"));
        assertThat(bodies).hasSize(4).noneMatch(body -> body.contains("\n"));
        Path file = Path.of("target", "fonella", "posted-tools.jsonl");
        Files.createDirectories(file.getParent());
        Files.write(file, bodies, StandardCharsets.UTF_8);
    }

    @Test
    void answersAToolCallOfASimulatedCall() {
        Call call = emulator.placeCall(CallScript.builder().user("Where is A-1001?")
                .toolCall("lookupOrder", Map.of("orderNumber", "A-1001"))
                .toolCall("placeOrder", Map.of("lines", java.util.List.of(Map.of("sku", "SKU-7", "quantity", 2)),
                        "parcel", "XL"))
                .toolCall("openOrders", Map.of("region", "north"))
                .build());

        assertThat(emulator.toolInvocations()).filteredOn(invocation -> call.id().equals(invocation.callId()))
                .extracting(RecordedToolInvocation::result)
                .containsExactly("Order A-1001 has shipped.", "Placed 2 items in a XL parcel.", "3");
    }

    @Test
    void answersABadArgumentWithASentenceNamingIt() {
        FonellaTestClient.Response response = fonella.invokeTool("placeOrder",
                "{\"lines\":[{\"sku\":\"SKU-1\",\"quantity\":\"many\"}],\"parcel\":\"M\"}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.result()).contains("quantity");
    }

    @Test
    void answersAToolPastItsDeadlineWithTheFallbackInTimeAndInterruptsIt() throws Exception {
        tools.interrupted = new CountDownLatch(1);
        Instant start = Instant.now();

        FonellaTestClient.Response response = fonella.invokeTool("slowStockCheck", "{}");

        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofMillis(300 + 1200));
        assertThat(response.result()).isEqualTo("Still checking, one moment.");
        assertThat(tools.interrupted.await(5, TimeUnit.SECONDS)).as("the handler was interrupted").isTrue();
    }

    @Test
    void verifiesAndDispatchesWebhooksAndRejectsAForgedOne() throws Exception {
        Call call = emulator.placeCall(CallScript.builder().user("Thanks, bye").endedBy("customer-ended").build());
        assertThat(events.ended).contains(call.id());

        FonellaTestClient.Response signed = fonella.sendEvent(EventType.CALL_ENDED,
                Map.of("call", Map.of("id", "call-signed-" + LINE, "status", "ended")));
        assertThat(signed.status()).isEqualTo(200);
        assertThat(events.ended).contains("call-signed-" + LINE);

        String forgedBody = FonellaTestClient.event(EventType.CALL_ENDED, Map.of("call", Map.of("id", "call-forged")));
        HttpResponse<String> forged = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/fonella/webhooks"))
                .header("Content-Type", "application/json")
                .header("X-Fonella-Signature", "t=" + Instant.now().getEpochSecond() + ",v1=" + "ab".repeat(32))
                .POST(HttpRequest.BodyPublishers.ofString(forgedBody)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(forged.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(events.ended).doesNotContain("call-forged");
    }

    @Test
    void reportsHealthTheEndpointAndObservations() throws Exception {
        fonella.invokeTool("lookupOrder", "{\"orderNumber\":\"A-1001\"}");

        JsonNode health = get("/actuator/health/fonella", 200);
        assertThat(health.get("status").asString()).isEqualTo("UP");
        assertThat(health.get("details").get("tools").asInt()).isEqualTo(4);
        assertThat(health.get("details").get("apiKeyValid").asBoolean()).isTrue();
        assertThat(get("/actuator/health", 200).get("components").has("fonella")).isTrue();

        JsonNode endpoint = get("/actuator/fonella", 200);
        assertThat(endpoint.toString()).contains("lookupOrder", "openOrders", "placeOrder", "slowStockCheck");

        JsonNode metric = get("/actuator/metrics/fonella.tool.invocation", 200);
        assertThat(metric.toString()).contains("lookupOrder");
    }

    /** The app's own JSON stays its line's: Jackson 2 on Boot 3.5, beside the SDK's Jackson 3. */
    @Test
    void keepsTheAppsOwnJsonMapper() throws Exception {
        assertThat(get("/orders/A-7", 200).toString()).isEqualTo("{\"number\":\"A-7\",\"shipped\":\"2026-11-24\"}");
        if (LINE.equals("3.5")) {
            Class<?> jackson2 = Class.forName("com.fasterxml.jackson.databind.ObjectMapper");
            assertThat(context.getBeanNamesForType(jackson2)).isNotEmpty();
            Object version = Class.forName("com.fasterxml.jackson.databind.cfg.PackageVersion")
                    .getField("VERSION").get(null);
            assertThat(version.toString()).startsWith("2.19.");
        } else {
            assertThat(context.getBeanNamesForType(JsonMapper.class)).isNotEmpty();
        }
    }

    private JsonNode get(String path, int status) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(status);
        return JsonMapper.shared().readTree(response.body());
    }
}
