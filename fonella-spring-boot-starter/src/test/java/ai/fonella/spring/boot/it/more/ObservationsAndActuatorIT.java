package ai.fonella.spring.boot.it.more;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import ai.fonella.model.EventType;
import ai.fonella.spring.boot.test.AutoConfigureFonellaEmulator;
import ai.fonella.spring.boot.test.FonellaTestClient;
import ai.fonella.spring.boot.web.FonellaObservations;
import io.micrometer.observation.tck.TestObservationRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Micrometer observations and the actuator health indicator and endpoint. */
@SpringBootTest(classes = MoreApps.EchoApp.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "management.endpoints.web.exposure.include=health,fonella",
        "management.endpoint.health.show-details=always"})
@AutoConfigureFonellaEmulator
class ObservationsAndActuatorIT {

    @Autowired
    TestObservationRegistry observations;

    @Autowired
    FonellaTestClient fonella;

    @LocalServerPort
    int port;

    @BeforeEach
    void clearObservations() {
        observations.clear();
    }

    @Test
    void observesToolInvocationsWithToolNameAndOutcomeButNoPayload() {
        fonella.invokeTool("echo", "{\"text\":\"secret payload\"}");

        assertThat(observations).hasObservationWithNameEqualTo(FonellaObservations.TOOL_INVOCATION).that()
                .hasLowCardinalityKeyValue("fonella.tool", "echo")
                .hasLowCardinalityKeyValue("outcome", "success")
                .hasOnlyKeys("fonella.tool", "outcome");
    }

    @Test
    void observesRejectedInvocationsOfUnknownToolsWithoutTheirName() throws Exception {
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/fonella/tools/made-up-name")).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(observations).hasObservationWithNameEqualTo(FonellaObservations.TOOL_INVOCATION).that()
                .hasLowCardinalityKeyValue("fonella.tool", "unknown")
                .hasLowCardinalityKeyValue("outcome", "rejected");
    }

    @Test
    void observesWebhookDeliveriesWithEventTypeAndOutcome() {
        fonella.sendEvent(EventType.CALL_ENDED, Map.of("call", Map.of("id", "call-obs")));

        assertThat(observations).hasObservationWithNameEqualTo(FonellaObservations.WEBHOOK_DELIVERY).that()
                .hasLowCardinalityKeyValue("fonella.event.type", "call.ended")
                .hasLowCardinalityKeyValue("outcome", "success");
    }

    @Test
    void reportsHealthWithSyncDetailsAndNoSecrets() throws Exception {
        JsonNode health = get("/actuator/health/fonella");

        assertThat(health.get("status").asString()).isEqualTo("UP");
        assertThat(health.get("details").get("sync").asString()).isEqualTo("SYNCED");
        assertThat(health.get("details").get("apiReachable").asBoolean()).isTrue();
        assertThat(health.get("details").get("apiKey").asString()).endsWith("…").hasSize(17);
    }

    @Test
    void listsToolsWithSchemasAndHandlersOnTheFonellaEndpoint() throws Exception {
        JsonNode endpoint = get("/actuator/fonella");

        JsonNode tool = endpoint.get("tools").get(0);
        assertThat(tool.get("name").asString()).isEqualTo("echo");
        assertThat(tool.get("source").asString()).isEqualTo("echoBeans#echo");
        assertThat(tool.get("url").asString()).isEqualTo("http://127.0.0.1:" + port + "/fonella/tools/echo");
        assertThat(tool.get("inputSchema").get("required").get(0).asString()).isEqualTo("text");
        assertThat(endpoint.get("eventHandlers").get(0).get("eventTypes").get(0).asString()).isEqualTo("call.ended");
        assertThat(endpoint.get("sync").get("state").asString()).isEqualTo("SYNCED");
        assertThat(endpoint.toString()).doesNotContain("X-Fonella-Tool-Secret\":");
    }

    private JsonNode get(String path) throws Exception {
        String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + path)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        return ai.fonella.support.FonellaJson.mapper().readTree(body);
    }
}
