package ai.fonella.spring.boot.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import ai.fonella.spring.boot.registry.FonellaSecrets;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.ShallowEtagHeaderFilter;

/**
 * The SDK's answers through a filter of the host app that buffers every response body until the
 * request is done ({@link ShallowEtagHeaderFilter}, Spring's own; request-logging filters built on
 * {@code ContentCachingResponseWrapper} do the same): each answer, including those given while a
 * body is still arriving or after it was read asynchronously, reaches the client whole.
 */
@SpringBootTest(classes = {ReliabilityApp.class, BufferingFilterIT.Buffering.class},
        webEnvironment = WebEnvironment.RANDOM_PORT, properties = {"fonella.body-read-timeout=1s",
                "fonella.max-body-size=64KB"})
@ExtendWith(OutputCaptureExtension.class)
class BufferingFilterIT {

    @LocalServerPort
    int port;

    @Autowired
    FonellaSecrets secrets;

    @Test
    void aToolCallWhoseBodyArrivesLateIsAnsweredThroughTheFilter(CapturedOutput output) throws Exception {
        byte[] body = "{\"text\":\"late\"}".getBytes(StandardCharsets.UTF_8);
        try (RawHttp http = new RawHttp(port)) {
            http.head("POST", "/fonella/tools/echo", Map.of("Content-Type", "application/json",
                    "X-Fonella-Tool-Secret", secrets.toolSecret().orElseThrow(),
                    "Content-Length", Integer.toString(body.length)));
            http.send(java.util.Arrays.copyOf(body, 5));
            Thread.sleep(200);
            http.send(java.util.Arrays.copyOfRange(body, 5, body.length));

            RawHttp.Response response = http.read(Duration.ofSeconds(5));

            assertThat(response).isNotNull();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("{\"result\":\"late\"}");
        }
        // the dispatch after the read passes the filter with its own wrapper: without it, the filter
        // throws "ContentCachingResponseWrapper not found", logged as an ERROR of the servlet
        Thread.sleep(200);
        assertThat(output).doesNotContain(" ERROR ").doesNotContain("ContentCachingResponseWrapper not found");
    }

    @Test
    void aWebhookRefusedOnItsHeadersWhileItsBodyArrivesIsAnsweredThroughTheFilter() throws Exception {
        try (RawHttp http = new RawHttp(port)) {
            // as the JDK's HttpClient does: the whole body written before the answer is read
            http.head("POST", "/fonella/webhooks", Map.of("Content-Type", "application/json",
                    "Content-Length", "200000")).send(new byte[1000]);
            Thread.sleep(50);
            for (int piece = 0; piece < 19; piece++) {
                http.send(new byte[199_000 / 19]);
                Thread.sleep(5);
            }
            http.send(new byte[199_000 % 19]);

            assertThat(http.readUntil("Invalid webhook signature", Duration.ofSeconds(5)))
                    .startsWith("HTTP/1.1 401 ").contains("application/problem+json");
            assertThat(http.endsCleanlyWithin(Duration.ofSeconds(3))).isTrue();
        }
    }

    @Test
    void aBodyDeclaredTooLargeIsRefusedThroughTheFilter() throws Exception {
        try (RawHttp http = new RawHttp(port)) {
            http.head("POST", "/fonella/tools/echo", Map.of("Content-Type", "application/json",
                    "X-Fonella-Tool-Secret", secrets.toolSecret().orElseThrow(), "Content-Length", "100000000"));

            RawHttp.Response response = http.read(Duration.ofSeconds(5));

            LimitsIT.assertProblem(response, 413, "Request body too large");
        }
    }

    @Test
    void aStalledBodyIsCutOffThroughTheFilter() throws Exception {
        try (RawHttp http = new RawHttp(port)) {
            http.head("POST", "/fonella/tools/echo", Map.of("Content-Type", "application/json",
                    "X-Fonella-Tool-Secret", secrets.toolSecret().orElseThrow(), "Content-Length", "100"))
                    .send("{\"".getBytes(StandardCharsets.US_ASCII));

            RawHttp.Response response = http.read(Duration.ofSeconds(5));

            LimitsIT.assertProblem(response, 408, "Request body too slow");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Buffering {

        @Bean
        ShallowEtagHeaderFilter shallowEtagHeaderFilter() {
            return new ShallowEtagHeaderFilter();
        }
    }
}
