package ai.fonella.spring.boot.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import ai.fonella.spring.boot.registry.FonellaSecrets;
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

/**
 * Issue 8, item 8: a body over {@code fonella.max-body-size} is refused with 413 before it is read in
 * full, and a slow client cannot hold a request thread for long: a client that stops sending is cut
 * off by the server's read timeout ({@code server.tomcat.connection-timeout}) or
 * {@code fonella.body-read-timeout}, whichever comes first, one that trickles by
 * {@code fonella.body-read-timeout}; both get the SDK's 408. Each test speaks HTTP over a raw socket, measuring from the
 * client side.
 *
 * <p>Configured as RELIABILITY.md recommends for production, with shorter times:
 * {@code server.tomcat.max-swallow-size=0} stops Tomcat from draining the unread rest of a refused
 * body (which a trickling client could otherwise stretch out), {@code keep-alive-timeout} stays long.
 */
@SpringBootTest(classes = ReliabilityApp.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "fonella.max-body-size=64KB",
        "fonella.body-read-timeout=1s",
        "server.tomcat.connection-timeout=500ms",
        "server.tomcat.keep-alive-timeout=60s",
        "server.tomcat.max-swallow-size=0"})
@ExtendWith(OutputCaptureExtension.class)
class LimitsIT {

    /** Generous for a shared 2-core machine, yet far below what an unbounded read would take. */
    private static final Duration MARGIN = Duration.ofMillis(1500);

    @LocalServerPort
    int port;

    @Autowired
    FonellaSecrets secrets;

    @Test
    void refusesADeclaredOversizedBodyWith413BeforeItIsSent(CapturedOutput output) throws Exception {
        for (String path : new String[] {"/fonella/tools/echo", "/fonella/webhooks"}) {
            try (RawHttp http = new RawHttp(port)) {
                long start = System.nanoTime();
                http.head("POST", path, headers(Long.toString(100L * 1024 * 1024)));
                http.send("{\"text\":\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

                // 9 bytes of 100 MiB sent, and nothing more: the answer cannot wait for the body
                RawHttp.Response response = http.read(Duration.ofSeconds(5));
                Duration took = since(start);

                assertProblem(response, 413, "Request body too large");
                assertThat(response.header("Connection")).isEqualTo("close");
                assertThat(took).isLessThan(MARGIN);
            }
        }
        assertNoErrorPageDispatch(output); // the client left with most of the body unsent
    }

    @Test
    void refusesAStreamedOversizedBodyWith413OnceTheLimitIsPassed() throws Exception {
        try (RawHttp http = new RawHttp(port)) {
            http.head("POST", "/fonella/tools/echo", Map.of("Content-Type", "application/json",
                    "X-Fonella-Tool-Secret", toolSecret(), "Transfer-Encoding", "chunked"));
            http.chunk("{\"text\":\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            // 65 KiB of an endless string: one more byte than the 64 KB limit is all it takes
            for (int i = 0; i < 65; i++) {
                http.chunk("x".repeat(1024).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            }
            long start = System.nanoTime();
            String answer = http.readUntil("Request body too large", Duration.ofSeconds(5));

            assertThat(answer).startsWith("HTTP/1.1 413 ").contains("application/problem+json");
            assertThat(since(start)).isLessThan(MARGIN);
        }
    }

    @Test
    void aClientStillStreamingPastTheLimitFinishesWritingAndReadsThe413() throws Exception {
        byte[] piece = "x".repeat(64 * 1024).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try (RawHttp http = new RawHttp(port)) {
            http.head("POST", "/fonella/tools/echo", Map.of("Content-Type", "application/json",
                    "X-Fonella-Tool-Secret", toolSecret(), "Transfer-Encoding", "chunked"));
            http.chunk("{\"text\":\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            // a client that writes its whole body before it reads: the 413 comes after the first
            // piece, and the writes that follow must not fail on a closed connection
            for (int i = 0; i < 8; i++) {
                http.chunk(piece);
                Thread.sleep(20);
            }
            http.chunk("\"}".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).chunk(new byte[0]);

            assertProblem(http.read(Duration.ofSeconds(5)), 413, "Request body too large");
            assertThat(http.closedWithin(Duration.ofSeconds(3))).isTrue();
        }
    }

    @Test
    void cutsOffAClientThatStopsSendingAfterTheReadTimeout(CapturedOutput output) throws Exception {
        for (String path : new String[] {"/fonella/tools/echo", "/fonella/webhooks"}) {
            try (RawHttp http = new RawHttp(port)) {
                http.head("POST", path, headers("100"));
                http.send("{\"text\":\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                long start = System.nanoTime();

                RawHttp.Response response = http.read(Duration.ofSeconds(10));
                Duration took = since(start);

                // no thread waits for the body: the server's read timeout (500 ms) or, at the latest,
                // fonella.body-read-timeout (1 s) ends the read with the SDK's 408, and the connection
                assertProblem(response, 408, "Request body too slow");
                assertThat(took).isBetween(Duration.ofMillis(450), Duration.ofSeconds(1).plus(MARGIN));
                assertThat(http.closedWithin(MARGIN)).isTrue();
            }
        }
        assertNoErrorPageDispatch(output); // the read timed out: an I/O error
    }

    @Test
    void cutsOffAClientThatTricklesOnceTheBodyReadTimeoutIsUp() throws Exception {
        for (String path : new String[] {"/fonella/tools/echo", "/fonella/webhooks"}) {
            try (RawHttp http = new RawHttp(port)) {
                http.head("POST", path, headers("1000"));
                long start = System.nanoTime();
                RawHttp.Response response = null;
                // one byte every 200 ms: each read is well within Tomcat's 500 ms read timeout, and at this
                // pace the 1000 declared bytes would take over three minutes
                for (int i = 0; i < 60 && response == null; i++) {
                    try {
                        http.send(new byte[] {' '});
                        response = http.read(Duration.ofMillis(200));
                    } catch (java.net.SocketTimeoutException stillReading) {
                        // the server is still reading: keep trickling
                    } catch (java.net.SocketException closed) {
                        response = http.read(Duration.ofSeconds(1));
                        break;
                    }
                }
                Duration took = since(start);

                assertProblem(response, 408, "Request body too slow");
                assertThat(response.body()).contains("fonella.body-read-timeout");
                assertThat(took).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(1).plus(MARGIN));
                assertThat(http.closedWithin(Duration.ofMillis(500).plus(MARGIN))).isTrue();
            }
        }
    }

    @Test
    void stillServesARequestThatArrivesInTime() throws Exception {
        try (RawHttp http = new RawHttp(port)) {
            byte[] body = "{\"text\":\"Zoë\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            http.head("POST", "/fonella/tools/echo", Map.of("Content-Type", "application/json",
                    "X-Fonella-Tool-Secret", toolSecret(), "Content-Length", Integer.toString(body.length)));
            http.send(java.util.Arrays.copyOf(body, 5));
            Thread.sleep(200);
            http.send(java.util.Arrays.copyOfRange(body, 5, body.length));

            RawHttp.Response response = http.read(Duration.ofSeconds(5));

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("{\"result\":\"Zoë\"}");
        }
    }

    /**
     * Headers that pass every check made before the body is read: the tool secret, and a webhook
     * signature header with a fresh timestamp (its signature cannot match, which only the body shows).
     */
    private Map<String, String> headers(String contentLength) {
        return Map.of("Content-Type", "application/json", "X-Fonella-Tool-Secret", toolSecret(),
                "X-Fonella-Signature", "t=" + java.time.Instant.now().getEpochSecond() + ",v1=" + "0".repeat(64),
                "Content-Length", contentLength);
    }

    private String toolSecret() {
        return secrets.toolSecret().orElseThrow();
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /**
     * After an I/O error on a body being read or drained, the request is completed by the SDK: the
     * container does not dispatch it to the app's error page, which would fail on the closed response
     * and log a warning for every such request (a log flood under hostile traffic).
     */
    private static void assertNoErrorPageDispatch(CapturedOutput output) throws InterruptedException {
        Thread.sleep(500); // the container's error handling follows the client's close
        assertThat(output).doesNotContain("response committed already").doesNotContain("DefaultHandlerExceptionResolver");
    }

    static void assertProblem(RawHttp.Response response, int status, String title) {
        assertThat(response).as("an answer").isNotNull();
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.body()).contains("\"title\":\"" + title + "\"");
    }
}
