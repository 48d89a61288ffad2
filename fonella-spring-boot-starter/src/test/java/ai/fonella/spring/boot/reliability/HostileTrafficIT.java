package ai.fonella.spring.boot.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import ai.fonella.spring.boot.registry.FonellaSecrets;
import ai.fonella.spring.boot.test.AutoConfigureFonellaEmulator;
import ai.fonella.webhook.SignatureScheme;
import ai.fonella.webhook.WebhookSigner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 17: traffic from someone with no secret at all, over raw sockets against a started app with
 * the server's defaults (200 request threads, Tomcat's own timeouts), must never take the app down:
 * no 500 on any URL of the app, no request thread held by a stalled body, clear 4xx problem+json
 * answers on the SDK's paths. Loopback only; every wait is bounded.
 */
@SpringBootTest(classes = HostileApp.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "fonella.body-read-timeout=3s",
        "fonella.tools.timeout=1s",
        "logging.level.ai.fonella.spring.boot.web.FonellaWebhookHandler=ERROR"})
@AutoConfigureFonellaEmulator
class HostileTrafficIT {

    private static final Duration PROMPT = Duration.ofSeconds(1);

    @LocalServerPort
    int port;

    @Autowired
    FonellaSecrets secrets;

    @Autowired
    ProbeHandlers handlers;

    // ---- item 1: a Content-Type the SDK does not understand fails no request of the app ----------

    @Test
    void wildcardAndUnparseableContentTypesFailNoRequestOfTheApp() throws IOException {
        for (String type : List.of("*/*", "application/*", "text/*", "garbage", "a/b/c",
                "application/json; charset=\"unterminated", "application/*+json")) {
            assertThat(exchange("GET", "/app/hello", Map.of("Content-Type", type), null).status()).as(type)
                    .isEqualTo(200);
            assertThat(exchange("GET", "/no/such/path", Map.of("Content-Type", type), null).status()).as(type)
                    .isEqualTo(404);

            RawHttp.Response tool = exchange("POST", "/fonella/tools/echo", Map.of("Content-Type", type,
                    "X-Fonella-Tool-Secret", toolSecret()), "{\"text\":\"hi\"}");
            LimitsIT.assertProblem(tool, 415, "Unsupported media type");
            assertThat(tool.body()).as(type).contains("application/json");

            // a webhook is judged by its signature first, whatever it claims to be
            LimitsIT.assertProblem(exchange("POST", "/fonella/webhooks", Map.of("Content-Type", type), "{}"), 401,
                    "Invalid webhook signature");
        }
    }

    // ---- items 2 and 3: a stalled body holds no thread, and is cut off in time --------------------

    @Test
    void hundredsOfStalledWebhookConnectionsHoldNoThreadAndTheAppStaysPrompt() throws Exception {
        int stalled = 300;
        List<RawHttp> signed = new ArrayList<>();
        List<RawHttp> unsigned = new ArrayList<>();
        try {
            for (int i = 0; i < stalled; i++) {
                // half with plausible signature headers (fresh timestamp), half with none; each declares
                // 1000 bytes and sends 2
                boolean plausible = i % 2 == 0;
                RawHttp http = new RawHttp(port);
                Map<String, String> headers = new LinkedHashMap<>();
                headers.put("Content-Type", "application/json");
                headers.put("Content-Length", "1000");
                if (plausible) {
                    headers.put(SignatureScheme.FONELLA_SIGNATURE_HEADER,
                            "t=" + Instant.now().getEpochSecond() + ",v1=" + "0".repeat(64));
                }
                http.head("POST", "/fonella/webhooks", headers).send("{\"".getBytes(StandardCharsets.US_ASCII));
                (plausible ? signed : unsigned).add(http);
            }
            long stalledSince = System.nanoTime();

            // the ones that cannot be genuine: refused at once (their connections are closed once the
            // rest of the body is in or the body-read time is up, checked below)
            for (RawHttp http : unsigned) {
                assertThat(http.readUntil("Invalid webhook signature", Duration.ofSeconds(5)))
                        .startsWith("HTTP/1.1 401 ").contains("application/problem+json");
            }
            assertThat(Duration.ofNanos(System.nanoTime() - stalledSince)).isLessThan(PROMPT);

            // while 150 bodies stall, the tools and the app's own endpoints answer promptly
            long[] toolNanos = new long[20];
            long[] appNanos = new long[20];
            for (int i = 0; i < toolNanos.length; i++) {
                long start = System.nanoTime();
                RawHttp.Response tool = exchange("POST", "/fonella/tools/fast", Map.of("Content-Type",
                        "application/json", "X-Fonella-Tool-Secret", toolSecret()), "{\"n\":" + i + "}");
                toolNanos[i] = System.nanoTime() - start;
                assertThat(tool.body()).isEqualTo("{\"result\":\"ok " + i + "\"}");
                start = System.nanoTime();
                assertThat(exchange("GET", "/app/hello", Map.of(), null).body()).isEqualTo("hello");
                appNanos[i] = System.nanoTime() - start;
            }
            Arrays.sort(toolNanos);
            Arrays.sort(appNanos);
            System.out.printf("HOSTILE stalled connections: %d (%d with plausible signature headers); tool call "
                    + "p50 %.1f ms, max %.1f ms; app endpoint p50 %.1f ms, max %.1f ms%n", stalled, signed.size(),
                    toolNanos[10] / 1e6, toolNanos[19] / 1e6, appNanos[10] / 1e6, appNanos[19] / 1e6);
            assertThat(Duration.ofNanos(toolNanos[19])).isLessThan(PROMPT);
            assertThat(Duration.ofNanos(appNanos[19])).isLessThan(PROMPT);

            // the plausible ones get the SDK's 408 at fonella.body-read-timeout (3 s), then are closed
            for (RawHttp http : signed) {
                RawHttp.Response response = http.read(Duration.ofSeconds(8));
                LimitsIT.assertProblem(response, 408, "Request body too slow");
            }
            Duration cutOff = Duration.ofNanos(System.nanoTime() - stalledSince);
            System.out.printf("HOSTILE all %d stalled bodies answered 408 within %d ms of stalling%n", signed.size(),
                    cutOff.toMillis());
            assertThat(cutOff).isLessThan(Duration.ofSeconds(3).plus(Duration.ofMillis(2500)));
            for (RawHttp http : unsigned) {
                assertThat(http.endsCleanlyWithin(PROMPT)).isTrue();
            }
        } finally {
            for (RawHttp http : signed) {
                http.close();
            }
            for (RawHttp http : unsigned) {
                http.close();
            }
        }
    }

    @Test
    void aRequestRefusedOnItsHeadersIsAnsweredAtOnceAndTheRestOfItsBodyStillTaken() throws Exception {
        List<String> paths = List.of("/fonella/webhooks", "/fonella/tools/echo");
        for (int i = 0; i < 10; i++) {
            String path = paths.get(i % 2);
            Map<String, String> headers = new LinkedHashMap<>(Map.of("Content-Type", "application/json",
                    "Content-Length", "200000"));
            if (path.contains("tools")) {
                headers.put("X-Fonella-Tool-Secret", "not-the-secret");
            }
            try (RawHttp http = new RawHttp(port)) {
                http.head("POST", path, headers).send(new byte[1000]);

                // refused (no signature header; a wrong tool secret) with 1 KB of 200 KB sent
                assertThat(http.readUntil("\"status\":401", Duration.ofSeconds(5))).as(path)
                        .startsWith("HTTP/1.1 401 ").containsIgnoringCase("Connection: close");

                // the rest is still taken: a connection closed while it arrives is reset, and a client
                // that reads only once it has written its body (the JDK's HttpClient) loses the answer
                Thread.sleep(50);
                for (int piece = 0; piece < 19; piece++) {
                    http.send(new byte[199_000 / 19]);
                    Thread.sleep(5);
                }
                http.send(new byte[199_000 % 19]);
                assertThat(http.endsCleanlyWithin(Duration.ofSeconds(5))).as(path).isTrue();
            }
        }
    }

    // ---- item 5: clear answers, nothing repaired, nothing unbounded ---------------------------------

    @Test
    void refusesInvalidUtf8RepeatedKeysAndOverlongIdsInSignedWebhooksWith400() throws IOException {
        String id = "evt_" + UUID.randomUUID();
        byte[] overlong = ("{\"id\":\"" + id + "\",\"type\":\"call.ended\",\"data\":{\"call\":{\"id\":\"x")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] invalidUtf8 = concat(overlong, new byte[] {(byte) 0xC0, (byte) 0xAF},
                "\"}}}".getBytes(StandardCharsets.US_ASCII));
        String repeated = "{\"id\":\"" + id + "\",\"type\":\"call.ended\",\"id\":\"evt_other\",\"data\":{}}";
        String longId = "evt_" + "9".repeat(500_000);
        String tooLong = "{\"id\":\"" + longId + "\",\"type\":\"call.ended\",\"data\":{}}";

        LimitsIT.assertProblem(signedWebhook(invalidUtf8), 400, "Malformed event");
        RawHttp.Response twice = signedWebhook(repeated.getBytes(StandardCharsets.UTF_8));
        LimitsIT.assertProblem(twice, 400, "Malformed event");
        assertThat(twice.body()).contains("a key appears twice");
        RawHttp.Response huge = signedWebhook(tooLong.getBytes(StandardCharsets.UTF_8));
        LimitsIT.assertProblem(huge, 400, "Malformed event");
        assertThat(huge.body()).doesNotContain("9".repeat(300)).hasSizeLessThan(1000);
        assertThat(handlers.endedRuns).doesNotContainKeys(id, "evt_other", longId);
    }

    @Test
    void answersBadToolArgumentsInWordsACallerCanActOnWithoutLibraryInternals() throws IOException {
        Map<String, String> headers = Map.of("Content-Type", "application/json", "X-Fonella-Tool-Secret",
                toolSecret());
        RawHttp.Response twice = exchange("POST", "/fonella/tools/echo", headers, "{\"text\":\"a\",\"text\":\"b\"}");
        LimitsIT.assertProblem(twice, 400, "Malformed JSON");
        RawHttp.Response invalidUtf8;
        byte[] body = concat("{\"text\":\"".getBytes(StandardCharsets.US_ASCII), new byte[] {(byte) 0xC0, (byte) 0xAF},
                "\"}".getBytes(StandardCharsets.US_ASCII));
        try (RawHttp http = new RawHttp(port)) {
            Map<String, String> withLength = new LinkedHashMap<>(headers);
            withLength.put("Content-Length", Integer.toString(body.length));
            http.head("POST", "/fonella/tools/echo", withLength).send(body);
            invalidUtf8 = http.read(Duration.ofSeconds(10));
        }
        LimitsIT.assertProblem(invalidUtf8, 400, "Malformed JSON");
        RawHttp.Response deep = exchange("POST", "/fonella/tools/echo", headers, "[".repeat(5000) + "]".repeat(5000));
        LimitsIT.assertProblem(deep, 400, "Malformed JSON");
        for (RawHttp.Response problem : List.of(twice, invalidUtf8, deep)) {
            assertThat(problem.body()).doesNotContainIgnoringCase("jackson").doesNotContain("Feature")
                    .doesNotContain("StreamReadConstraints").doesNotContain("Exception");
        }
        // a number beyond the parameter's Java type is spoken back naming the argument and the range
        RawHttp.Response range = exchange("POST", "/fonella/tools/fast", headers, "{\"n\":9999999999}");
        assertThat(range.status()).isEqualTo(200);
        assertThat(range.body()).contains("'n'").contains("2147483647").doesNotContain("not valid JSON");
    }

    // ---- item 6: what already held keeps holding ----------------------------------------------------

    @Test
    void smugglingShapesHeaderLimitsAndPathTricksGetNoServerError() throws IOException {
        String secret = toolSecret();
        // ambiguous framing: the server refuses it rather than guess where the request ends
        assertThat(raw("POST /fonella/tools/echo HTTP/1.1\r\nHost: x\r\nX-Fonella-Tool-Secret: " + secret
                + "\r\nContent-Type: application/json\r\nContent-Length: 13\r\nContent-Length: 40\r\n\r\n"
                + "{\"text\":\"a\"}").status()).isEqualTo(400);
        assertThat(raw("POST /fonella/tools/echo HTTP/1.1\r\nHost: x\r\nX-Fonella-Tool-Secret: " + secret
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: xchunked\r\n\r\n").status())
                .isBetween(400, 501);
        // an 8 KB header limit: a 20 KB secret header is refused by the server, not read by the SDK
        assertThat(exchange("POST", "/fonella/tools/echo", Map.of("X-Fonella-Tool-Secret", "s".repeat(20_000)),
                "{}").status()).isEqualTo(400);
        // duplicate secret headers: the first one counts, so a wrong first one is refused
        assertThat(raw("POST /fonella/tools/echo HTTP/1.1\r\nHost: x\r\nX-Fonella-Tool-Secret: wrong\r\n"
                + "X-Fonella-Tool-Secret: " + secret + "\r\nContent-Type: application/json\r\nContent-Length: 2\r\n"
                + "Connection: close\r\n\r\n{}").status()).isEqualTo(401);
        // path tricks reach a tool only through the tool's own path, and never without the secret
        for (String path : List.of("/fonella/tools/../tools/echo", "/fonella//tools/echo", "/fonella/tools/echo;x=1",
                "/fonella/tools/%65cho", "/fonella/tools/ec%2Fho", "/fonella/tools/%2e%2e/webhooks",
                "/fonella/./tools/echo", "/FONELLA/tools/echo")) {
            RawHttp.Response response = exchange("POST", path, Map.of("Content-Type", "application/json"),
                    "{\"text\":\"x\"}");
            assertThat(response.status()).as(path).isBetween(400, 499);
        }
    }

    private RawHttp.Response signedWebhook(byte[] body) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>(WebhookSigner.of(SignatureScheme.FONELLA,
                secrets.webhookSecrets().get(0)).sign("unused", Instant.now(), body));
        headers.put("Content-Type", "application/json");
        headers.put("Content-Length", Integer.toString(body.length));
        headers.put("Connection", "close");
        try (RawHttp http = new RawHttp(port)) {
            http.head("POST", "/fonella/webhooks", headers).send(body);
            return http.read(Duration.ofSeconds(10));
        }
    }

    private RawHttp.Response exchange(String method, String path, Map<String, String> given, String body)
            throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>(given);
        headers.put("Connection", "close");
        if (body != null) {
            headers.put("Content-Length", Integer.toString(bytes.length));
        }
        try (RawHttp http = new RawHttp(port)) {
            try {
                http.request(method, path, headers, bytes);
            } catch (java.net.SocketException closed) {
                // the server answered and closed before it had all of it: its answer is still read
            }
            RawHttp.Response response = http.read(Duration.ofSeconds(10));
            assertThat(response).as(method + " " + path + " answered").isNotNull();
            assertThat(response.status()).as(method + " " + path).isNotEqualTo(500);
            return response;
        }
    }

    private RawHttp.Response raw(String request) throws IOException {
        try (RawHttp http = new RawHttp(port)) {
            http.send(request.getBytes(StandardCharsets.ISO_8859_1));
            RawHttp.Response response = http.read(Duration.ofSeconds(10));
            assertThat(response).as("answered").isNotNull();
            return response;
        }
    }

    private String toolSecret() {
        return secrets.toolSecret().orElseThrow();
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
