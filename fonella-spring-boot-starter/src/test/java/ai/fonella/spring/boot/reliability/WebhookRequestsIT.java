package ai.fonella.spring.boot.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import ai.fonella.spring.boot.registry.FonellaSecrets;
import ai.fonella.support.FonellaJson;
import ai.fonella.webhook.SignatureScheme;
import ai.fonella.webhook.WebhookSigner;
import ai.fonella.webhook.WebhookVerificationException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 8, items 1 and 3, over real HTTP against the started app: the signature covers the exact
 * bytes received, and no malformed timestamp or signature header gives anything but a 400 or 401
 * with an {@code application/problem+json} body.
 */
@ReliabilityAppTest
@ExtendWith(OutputCaptureExtension.class)
class WebhookRequestsIT {

    private static final String HEADER = SignatureScheme.FONELLA_SIGNATURE_HEADER;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    @Autowired
    FonellaSecrets secrets;

    @Autowired
    ProbeHandlers handlers;

    // ---- item 1 -------------------------------------------------------------------------------

    @Test
    void acceptsANonAsciiBodyWithoutCharsetAndRejectsEveryAlteredCopyUnderItsSignature() throws Exception {
        String id = "evt_" + UUID.randomUUID();
        String text = "{\"id\":\"" + id + "\",\"type\":\"call.ended\",\n"
                + "\"data\":{\"call\":{\"id\":\"Zoë 😀\"},\"n\":\"Zoë 😀\"}}\n";
        byte[] original = text.getBytes(StandardCharsets.UTF_8);
        Map<String, String> signature = sign(original, Instant.now());

        Map<String, byte[]> altered = new LinkedHashMap<>();
        altered.put("re-encoded as ISO-8859-1", text.getBytes(StandardCharsets.ISO_8859_1));
        altered.put("re-encoded as UTF-16", text.getBytes(StandardCharsets.UTF_16));
        altered.put("re-normalized to NFD", Normalizer.normalize(text, Normalizer.Form.NFD)
                .getBytes(StandardCharsets.UTF_8));
        altered.put("re-serialized compactly", FonellaJson.mapper().writeValueAsBytes(
                FonellaJson.mapper().readTree(original)));
        altered.put("re-serialized with \\u escapes", text.replace("ë", "\\u00eb").replace("😀", "\\ud83d\\ude00")
                .getBytes(StandardCharsets.US_ASCII));
        altered.put("trailing newline stripped", text.strip().getBytes(StandardCharsets.UTF_8));
        altered.put("inner newline stripped", text.replaceFirst("\n", "").getBytes(StandardCharsets.UTF_8));
        altered.put("CRLF for LF", text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
        altered.put("CRLF appended", (text + "\r\n").getBytes(StandardCharsets.UTF_8));

        for (Map.Entry<String, byte[]> copy : altered.entrySet()) {
            Answer response = post(copy.getValue(), signature);
            assertThat(response.statusCode()).as(copy.getKey()).isEqualTo(401);
            assertThat(response.contentType()).as(copy.getKey()).startsWith("application/problem+json");
            assertThat(response.body()).as(copy.getKey()).contains("SIGNATURE_MISMATCH");
        }
        assertThat(handlers.endedRuns).doesNotContainKey(id);

        Answer accepted = post(original, signature);

        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(handlers.endedRuns.get(id)).hasValue(1);
        assertThat(handlers.endedCallIds.get(id)).isEqualTo("Zoë 😀");
    }

    // ---- item 3 -------------------------------------------------------------------------------

    @Test
    void answersMalformedTimestampsWith401ProblemsNever500(CapturedOutput output) throws Exception {
        byte[] body = event();
        long now = Instant.now().getEpochSecond();
        String signatureOfNow = hex(now, body);
        List<String> timestamps = List.of("", "abc", "+" + now, "0" + now, "1.7e9", "1" + "0".repeat(399),
                Long.toString(Long.MIN_VALUE), "123junk", " ", "-1", "１７００", now + ".0", "0x6553F100");
        for (String timestamp : timestamps) {
            // signed over exactly the timestamp text sent, so only its form can be the problem
            String header = "t=" + timestamp + ",v1=" + (timestamp.isBlank() ? signatureOfNow
                    : hex(timestamp, body));
            assertRejected(post(body, Map.of(HEADER, header)), "t=" + timestamp);
        }
        // 13 refusals from a sender without the secret: at most one WARN line per reason, not one each
        for (WebhookVerificationException.Reason reason : WebhookVerificationException.Reason.values()) {
            assertThat(output.getAll().lines().filter(line -> line.contains(" WARN ")
                    && line.contains("Rejected a webhook delivery: " + reason + " ")).count()).as(reason.name())
                    .isLessThanOrEqualTo(1);
        }
    }

    @Test
    void answersMalformedSignatureHeadersWith401ProblemsNever500() throws Exception {
        byte[] body = event();
        long now = Instant.now().getEpochSecond();
        String good = hex(now, body);
        String wrong = hex(now, "something else".getBytes(StandardCharsets.UTF_8));
        List<String> headers = List.of(
                "t=" + now + ",v1=",
                "t=" + now + ",v1=" + good.substring(0, 63),
                "t=" + now + ",v1=" + good.substring(0, 32),
                "t=" + now + ",v1=" + good + "00",
                "t=" + now + ",v2=" + good,
                "t=" + now + ",v0=" + good,
                "t=" + now + ",,,v1=" + wrong + ",,",
                ",,,,",
                "t=" + now,
                "v1=" + good,
                "t=" + now + ",t=" + now + ",v1=" + good,
                "t=" + now + ";v1=" + good,
                // 64 characters, one of them not hexadecimal (replacing a letter that may not occur was flaky)
                "t=" + now + ",v1=" + "g" + good.substring(1),
                "t=" + now + ",v1=" + good.substring(0, 63) + "Z",
                "t=" + now + ",v1=" + "ab".repeat(3500),
                "=,=,=",
                "t",
                "😀",
                "");
        for (String header : headers) {
            assertRejected(post(body, Map.of(HEADER, header)), header.length() > 80
                    ? header.substring(0, 80) + "... (" + header.length() + " characters)" : header);
        }
        assertRejected(post(body, Map.of()), "no header");
    }

    @Test
    void acceptsOneValidSignatureAmongInvalidOnesWhereverItStands() throws Exception {
        long now = Instant.now().getEpochSecond();
        for (int position = 0; position < 4; position++) {
            byte[] body = event();
            String good = hex(now, body);
            List<String> entries = new java.util.ArrayList<>(List.of("v1=" + hex(now, "other".getBytes(
                    StandardCharsets.UTF_8)), "v1=not-hex", "v2=" + good, "v1=" + "0".repeat(64)));
            entries.add(position, "v1=" + good);
            String header = "t=" + now + "," + String.join(",", entries) + ",,";

            Answer response = post(body, Map.of(HEADER, header));

            assertThat(response.statusCode()).as(header).isEqualTo(200);
        }
    }

    @Test
    void findsTheSignatureHeaderWhateverTheCaseOfItsName() throws Exception {
        for (String name : List.of("x-fonella-signature", "X-FONELLA-SIGNATURE", "x-FoNeLlA-sIgNaTuRe")) {
            byte[] body = event();
            try (RawHttp raw = new RawHttp(port)) {
                raw.head("POST", "/fonella/webhooks", Map.of("Content-Type", "application/json", name,
                        sign(body, Instant.now()).get(HEADER), "Content-Length", Integer.toString(body.length)));
                raw.send(body);
                assertThat(raw.read(Duration.ofSeconds(10)).status()).as(name).isEqualTo(200);
            }
        }
    }

    /**
     * Tomcat refuses a request whose headers exceed {@code server.max-http-request-header-size}
     * (8 KB by default) with its own 400 before any application code runs; a signature header is about
     * 80 characters, so this limit only ever meets junk. Below it, the verifier answers.
     */
    @Test
    void leavesAnEightKibibyteHeaderToTheContainersOwn400() throws Exception {
        byte[] body = event();
        long now = Instant.now().getEpochSecond();
        String eightKib = "t=" + now + ",v1=" + "a".repeat(8 * 1024);

        Answer oversized = post(body, Map.of(HEADER, eightKib));

        assertThat(oversized.statusCode()).isEqualTo(400);
        assertThat(oversized.body()).doesNotContain("Exception", "\tat ", "Apache Tomcat/");
    }

    private void assertRejected(Answer response, String what) {
        assertThat(response.statusCode()).as(what + " -> " + response.body()).isIn(400, 401);
        assertThat(response.contentType()).as(what).startsWith("application/problem+json");
        assertThat(response.body()).as(what).contains("\"status\":" + response.statusCode())
                .doesNotContain("Exception", "\tat ");
    }

    private byte[] event() {
        return ("{\"id\":\"evt_" + UUID.randomUUID() + "\",\"type\":\"call.ended\",\"data\":{\"call\":{\"id\":\"c1\"}}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private Map<String, String> sign(byte[] body, Instant at) {
        return WebhookSigner.of(SignatureScheme.FONELLA, secrets.webhookSecrets().get(0)).sign("unused", at, body);
    }

    private String hex(long timestamp, byte[] body) {
        return WebhookSigner.of(SignatureScheme.FONELLA, secrets.webhookSecrets().get(0))
                .signature(null, timestamp, body);
    }

    /** The HMAC over any timestamp text, as a sender that does not follow the format would compute it. */
    private String hex(String timestamp, byte[] body) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(secrets.webhookSecrets().get(0).getBytes(StandardCharsets.UTF_8),
                "HmacSHA256"));
        mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) '.');
        return java.util.HexFormat.of().formatHex(mac.doFinal(body));
    }

    /** A response as the tests read it, from the HTTP client or, for non-ASCII header values, a raw socket. */
    record Answer(int statusCode, String contentType, String body) {
    }

    private Answer post(byte[] body, Map<String, String> headers) throws Exception {
        boolean ascii = headers.values().stream().allMatch(value -> value.chars().allMatch(c -> c >= 0x20 && c < 0x7f));
        if (!ascii) {
            // the HTTP client would not send these bytes as they are: write the UTF-8 header bytes by hand
            try (RawHttp raw = new RawHttp(port)) {
                StringBuilder head = new StringBuilder("POST /fonella/webhooks HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n");
                headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
                raw.send(head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8)).send(body);
                RawHttp.Response response = raw.read(Duration.ofSeconds(20));
                return new Answer(response.status(), response.header("Content-Type"), response.body());
            }
        }
        HttpResponse<String> response = send(body, headers);
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                response.body());
    }

    private HttpResponse<String> send(byte[] body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/fonella/webhooks"))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
