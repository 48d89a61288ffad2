package ai.fonella.spring.boot.it;

import static org.assertj.core.api.Assertions.assertThat;

import ai.fonella.model.EventType;
import ai.fonella.spring.boot.it.app.OrderApp;
import ai.fonella.spring.boot.registry.FonellaSecrets;
import ai.fonella.spring.boot.test.AutoConfigureFonellaEmulator;
import ai.fonella.spring.boot.test.FonellaTestClient;
import ai.fonella.webhook.SignatureScheme;
import ai.fonella.webhook.WebhookSigner;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Every protocol error of the endpoints is a 4xx with an application/problem+json body. */
@SpringBootTest(classes = OrderApp.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = "fonella.max-body-size=4KB")
@AutoConfigureFonellaEmulator
class FonellaEndpointErrorsIT {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @LocalServerPort
    int port;

    @Autowired
    FonellaSecrets secrets;

    @Test
    void rejectsAWebhookWithABadSignature() throws Exception {
        String body = FonellaTestClient.event(EventType.CALL_ENDED, Map.of("call", Map.of("id", "c1")));
        HttpResponse<String> response = post("/fonella/webhooks", body,
                Map.of("X-Fonella-Signature", "t=" + Instant.now().getEpochSecond() + ",v1=" + "0".repeat(64)));

        assertProblem(response, 401, "Invalid webhook signature");
        assertThat(response.body()).contains("SIGNATURE_MISMATCH").doesNotContain(secrets.webhookSecrets().get(0));
    }

    @Test
    void rejectsAReplayedWebhookOutsideTheTolerance() throws Exception {
        String body = FonellaTestClient.event(EventType.CALL_ENDED, Map.of("call", Map.of("id", "c1")));
        Map<String, String> headers = WebhookSigner.of(SignatureScheme.FONELLA, secrets.webhookSecrets().get(0))
                .sign("evt", Instant.now().minusSeconds(301), body.getBytes(StandardCharsets.UTF_8));

        assertProblem(post("/fonella/webhooks", body, headers), 401, "Invalid webhook signature");
    }

    @Test
    void rejectsAWebhookWithoutSignatureBeforeParsingItsBody() throws Exception {
        HttpResponse<String> response = post("/fonella/webhooks", "{not json", Map.of());

        assertProblem(response, 401, "Invalid webhook signature");
        assertThat(response.body()).contains("MISSING_HEADER");
    }

    @Test
    void rejectsAToolCallWithoutOrWithAWrongSecret() throws Exception {
        assertProblem(post("/fonella/tools/lookupOrder", "{}", Map.of()), 401, "Missing or wrong tool secret");
        assertProblem(post("/fonella/tools/lookupOrder", "{}", Map.of("X-Fonella-Tool-Secret", "guess")), 401,
                "Missing or wrong tool secret");
    }

    @Test
    void acceptsTheToolSecretHeaderInAnyCase() throws Exception {
        HttpResponse<String> response = post("/fonella/tools/greet", "{\"name\":\"Ada\"}",
                Map.of("x-fonella-tool-secret", secrets.toolSecret().orElseThrow()));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"result\":\"Hello, Ada!\"}");
    }

    @Test
    void answersUnknownToolsWith404() throws Exception {
        assertProblem(post("/fonella/tools/noSuchTool", "{}", secretHeader()), 404, "Unknown tool");
    }

    @Test
    void answersMalformedJsonWith400() throws Exception {
        assertProblem(post("/fonella/tools/greet", "{\"name\":", secretHeader()), 400, "Malformed JSON");
        assertProblem(post("/fonella/tools/greet", "[1,2]", secretHeader()), 400, "Malformed JSON");
    }

    @Test
    void answersOversizedBodiesWith413() throws Exception {
        String big = "{\"name\":\"" + "x".repeat(5000) + "\"}";
        assertProblem(post("/fonella/tools/greet", big, secretHeader()), 413, "Request body too large");
    }

    @Test
    void answersWrongContentTypeWith415() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri("/fonella/tools/greet"))
                .header("Content-Type", "text/plain")
                .header("X-Fonella-Tool-Secret", secrets.toolSecret().orElseThrow())
                .POST(HttpRequest.BodyPublishers.ofString("name=Ada"))
                .build();
        assertProblem(http.send(request, HttpResponse.BodyHandlers.ofString()), 415, "Unsupported media type");
    }

    @Test
    void answersTheWrongMethodWith405() throws Exception {
        HttpResponse<String> response = post("/fonella/tools/openOrders", "{}", secretHeader());

        assertProblem(response, 405, "Method not allowed");
        assertThat(response.headers().firstValue("Allow")).hasValue("GET");
    }

    @Test
    void answersAWebhookRequestThatIsNotAPostWith405() throws Exception {
        for (String method : new String[] {"GET", "PUT", "DELETE"}) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/fonella/webhooks"))
                    .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

            assertProblem(response, 405, "Method not allowed");
            assertThat(response.headers().firstValue("Allow")).as(method).hasValue("POST");
        }
    }

    private Map<String, String> secretHeader() {
        return Map.of("X-Fonella-Tool-Secret", secrets.toolSecret().orElseThrow());
    }

    private HttpResponse<String> post(String path, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static void assertProblem(HttpResponse<String> response, int status, String title) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"title\":\"" + title + "\"").contains("\"status\":" + status)
                .doesNotContain("Exception").doesNotContain("\tat ");
    }
}
