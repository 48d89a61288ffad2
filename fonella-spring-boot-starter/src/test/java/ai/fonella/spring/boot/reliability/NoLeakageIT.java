package ai.fonella.spring.boot.reliability;

import ai.fonella.spring.boot.registry.FonellaSecrets;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.fonella.spring.boot.autoconfigure.FonellaStartupSync;
import ai.fonella.spring.boot.autoconfigure.FonellaSyncStatus;
import ai.fonella.test.CallScript;
import ai.fonella.test.FonellaEmulator;
import ai.fonella.webhook.SignatureScheme;
import ai.fonella.webhook.WebhookSigner;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 8, item 6: no response body, response header or log line contains a webhook secret (configured
 * or returned by the API for the app's subscription), the tool secret, the API key or the signature a
 * rejected delivery should have carried. The app is started by hand inside the output capture, with
 * DEBUG logging for {@code ai.fonella}, and driven through startup sync (a failed attempt first),
 * tool calls, deliveries good and bad, a simulated call, the actuator, and a start with a wrong key.
 */
@ExtendWith(OutputCaptureExtension.class)
class NoLeakageIT {

    private static final String TOOL_SECRET = "tool-secret-that-must-never-show-0123456789";
    private static final String WEBHOOK_SECRET = "whsec_configuredSecretThatMustNeverShow0000=";
    private static final String WRONG_API_KEY = "fon_live_wrongKeyThatMustNeverShow00000000000";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<String> seen = new ArrayList<>();

    @Test
    void neitherResponsesNorLogsRevealSecretsKeysOrExpectedSignatures(CapturedOutput output) throws Exception {
        List<String> forbidden = new ArrayList<>(List.of(TOOL_SECRET, WEBHOOK_SECRET, WRONG_API_KEY));
        try (FonellaEmulator emulator = FonellaEmulator.builder().deliveryBackoff(Duration.ofMillis(50)).start()) {
            forbidden.add(emulator.apiKey());
            emulator.faults().failNext(1, 500, "GET", "/v1/tools");
            try (ConfigurableApplicationContext app = start(Map.of("fonella.api-key", emulator.apiKey(),
                    "fonella.base-url", emulator.baseUrl()))) {
                FonellaStartupSync sync = app.getBean(FonellaStartupSync.class);
                await().atMost(Duration.ofSeconds(20)).until(() -> sync.status().state() == FonellaSyncStatus.State.SYNCED);
                String registered = emulator.client().webhooks().list().get(0).secret();
                forbidden.add(registered);
                String base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");

                // tool calls: no secret, a near miss, the right one, the wrong method, malformed JSON
                post(base + "/fonella/tools/echo", "{\"text\":\"hi\"}", Map.of());
                post(base + "/fonella/tools/echo", "{\"text\":\"hi\"}",
                        Map.of("X-Fonella-Tool-Secret", TOOL_SECRET.substring(0, TOOL_SECRET.length() - 1) + "X"));
                post(base + "/fonella/tools/echo", "{\"text\":\"hi\"}", Map.of("X-Fonella-Tool-Secret", TOOL_SECRET));
                post(base + "/fonella/tools/echo", "{\"text\":", Map.of("X-Fonella-Tool-Secret", TOOL_SECRET));
                get(base + "/fonella/tools/echo", Map.of("X-Fonella-Tool-Secret", TOOL_SECRET));
                post(base + "/fonella/tools/book", "{\"partySize\":\"many\"}", Map.of("X-Fonella-Tool-Secret",
                        TOOL_SECRET));

                // deliveries: wrong signature (remember what it should have been), stale, valid, malformed
                long now = Instant.now().getEpochSecond();
                String body = "{\"id\":\"evt_" + UUID.randomUUID() + "\",\"type\":\"call.ended\",\"data\":{}}";
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                for (String secret : List.of(WEBHOOK_SECRET, registered)) {
                    WebhookSigner signer = WebhookSigner.of(SignatureScheme.FONELLA, secret);
                    forbidden.add(signer.signature(null, now, bytes));
                    forbidden.add(signer.signature(null, now - 600, bytes));
                }
                post(base + "/fonella/webhooks", body, Map.of("X-Fonella-Signature", "t=" + now + ",v1="
                        + "0".repeat(64)));
                post(base + "/fonella/webhooks", body, WebhookSigner.of(SignatureScheme.FONELLA, WEBHOOK_SECRET)
                        .sign("x", Instant.ofEpochSecond(now - 600), bytes));
                post(base + "/fonella/webhooks", body, WebhookSigner.of(SignatureScheme.FONELLA, WEBHOOK_SECRET)
                        .sign("x", Instant.ofEpochSecond(now), bytes));
                post(base + "/fonella/webhooks", "{\"id\":", WebhookSigner.of(SignatureScheme.FONELLA, registered)
                        .sign("x", Instant.ofEpochSecond(now), "{\"id\":".getBytes(StandardCharsets.UTF_8)));

                // the platform at work: tool calls and deliveries signed with the registered secret
                emulator.placeCall(CallScript.builder().user("Echo this").toolCall("echo", Map.of("text", "hello"))
                        .toolCall("slow", Map.of()).assistant("Done").build());
                emulator.deliverEvents(emulator.defaultAccount(), ai.fonella.model.EventType.CALL_FAILED, 3, 2);

                // the actuator
                get(base + "/actuator/health", Map.of());
                get(base + "/actuator/health/fonella", Map.of());
                get(base + "/actuator/fonella", Map.of());
                seen.add(app.getBean(FonellaStartupSync.class).status().toString());
                seen.add(app.getBean(ai.fonella.spring.boot.registry.FonellaSecrets.class).toString());
                seen.add(app.getBean(ai.fonella.spring.boot.autoconfigure.FonellaProperties.class).toString());
            }

            // a key the API rejects: the failed sync is logged and reported, the key is not
            try (ConfigurableApplicationContext rejected = start(Map.of("fonella.api-key", WRONG_API_KEY,
                    "fonella.base-url", emulator.baseUrl()))) {
                seen.add(rejected.getBean(FonellaStartupSync.class).status().toString());
                get("http://127.0.0.1:" + rejected.getEnvironment().getProperty("local.server.port")
                        + "/actuator/health/fonella", Map.of());
            }
        }

        String logs = output.getOut() + output.getErr();
        assertThat(logs).as("the capture saw the app at work").contains("Fonella")
                .contains("Rejected a webhook delivery");
        for (String secret : forbidden) {
            // neither the whole value nor a recognizable part of it (beyond the 16-character key prefix the
            // API itself lists)
            String part = secret.substring(0, Math.min(secret.length(), 20));
            assertThat(logs).as("logs").doesNotContain(secret).doesNotContain(part);
            for (String answer : seen) {
                assertThat(answer).as("a response").doesNotContain(secret).doesNotContain(part);
            }
        }
    }

    private static ConfigurableApplicationContext start(Map<String, Object> extra) {
        Map<String, Object> properties = new HashMap<>(extra);
        properties.put("server.port", "0");
        properties.put("fonella.tools.secret", TOOL_SECRET);
        properties.put("fonella.tools.timeout", "300ms");
        properties.put("fonella.tools.sync-retry-initial-delay", "200ms");
        properties.put("fonella.webhooks.secrets[0]", WEBHOOK_SECRET);
        properties.put("logging.level.ai.fonella", "DEBUG");
        properties.put("management.endpoints.web.exposure.include", "health,fonella");
        properties.put("management.endpoint.health.show-details", "always");
        return new SpringApplicationBuilder(ReliabilityApp.class).properties(properties).run();
    }

    private void post(String url, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        record(http.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    }

    private void get(String url, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        headers.forEach(request::header);
        record(http.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    }

    private void record(HttpResponse<String> response) {
        Map<String, List<String>> headers = new LinkedHashMap<>(response.headers().map());
        seen.add(response.statusCode() + " " + headers + "\n" + response.body());
    }
}
