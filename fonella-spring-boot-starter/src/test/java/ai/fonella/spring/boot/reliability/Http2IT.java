package ai.fonella.spring.boot.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import ai.fonella.spring.boot.registry.FonellaSecrets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The SDK's answers over HTTP/2 (h2c here; the same framing as h2 over TLS, which a platform's client
 * may well negotiate): refusals and limits are well-formed HTTP/2 responses, with none of HTTP/1's
 * connection-specific headers ({@code Connection: close}), which HTTP/2 forbids and its clients reject
 * (RFC 9113, 8.2.2).
 */
@SpringBootTest(classes = ReliabilityApp.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "server.http2.enabled=true",
        "fonella.max-body-size=64KB"})
class Http2IT {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    @Autowired
    FonellaSecrets secrets;

    /** Upgrades the client's connection to h2c; the JDK upgrades only a request without a body. */
    @BeforeEach
    void upgrade() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/fonella/webhooks")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
    }

    @Test
    void refusesAnUnsignedWebhookWithAWellFormedHttp2Answer() throws Exception {
        HttpResponse<String> response = post("/fonella/webhooks", new byte[20_000], null);

        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("Invalid webhook signature");
        assertThat(response.headers().firstValue("Connection")).isEmpty();
    }

    @Test
    void refusesAWrongToolSecretAndAnOversizedBodyWithWellFormedHttp2Answers() throws Exception {
        HttpResponse<String> wrongSecret = post("/fonella/tools/echo", new byte[20_000], "not-the-secret");
        HttpResponse<String> tooLarge = post("/fonella/tools/echo", new byte[100_000],
                secrets.toolSecret().orElseThrow());
        HttpResponse<String> served = post("/fonella/tools/echo",
                "{\"text\":\"hi\"}".getBytes(StandardCharsets.UTF_8), secrets.toolSecret().orElseThrow());

        assertThat(wrongSecret.statusCode()).isEqualTo(401);
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(tooLarge.body()).contains("fonella.max-body-size");
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.body()).isEqualTo("{\"result\":\"hi\"}");
        for (HttpResponse<String> response : java.util.List.of(wrongSecret, tooLarge, served)) {
            assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(response.headers().firstValue("Connection")).isEmpty();
        }
    }

    private HttpResponse<String> post(String path, byte[] body, String toolSecret) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (toolSecret != null) {
            request.header("X-Fonella-Tool-Secret", toolSecret);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
