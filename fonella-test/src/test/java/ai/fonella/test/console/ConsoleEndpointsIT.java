package ai.fonella.test.console;

import static org.assertj.core.api.Assertions.assertThat;

import ai.fonella.support.FonellaJson;
import ai.fonella.model.CreateToolRequest;
import ai.fonella.model.CreateWebhookRequest;
import ai.fonella.model.EventType;
import ai.fonella.model.Webhook;
import ai.fonella.test.FonellaEmulator;
import ai.fonella.test.support.HttpReceiver;
import ai.fonella.test.support.HttpReceiver.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What the console stands on, over raw HTTP and without a browser: its files served from the jar,
 * the account as the page sees it (without secrets), calls watched while they run, tools tried
 * outside a call, and injected delivery failures followed by their retry.
 */
class ConsoleEndpointsIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static FonellaEmulator emulator;

    @BeforeAll
    static void start() {
        emulator = FonellaEmulator.builder().toolTimeout(Duration.ofMillis(400))
                .deliveryBackoff(Duration.ofMillis(20)).start();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @AfterEach
    void reset() {
        emulator.reset();
    }

    @Test
    void servesThePageScriptAndStyleFromTheJarAndNothingFromElsewhere() throws IOException {
        HttpResponse<String> page = send("GET", "/_emulator/console/", null, Map.of());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                csp -> assertThat(csp).contains("default-src 'self'"));
        assertThat(page.body()).contains("<script src=\"console.js\"", "href=\"console.css\"");
        assertThat(send("GET", "/_emulator/console/console.js", null, Map.of()).headers()
                .firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        for (String file : new String[] {"index.html", "console.js", "console.css"}) {
            try (InputStream in = FonellaEmulator.class.getResourceAsStream("console/" + file)) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).as(file)
                        .doesNotContain("http://", "https://", "//cdn", "@import");
            }
        }

        HttpResponse<String> bare = send("GET", "/_emulator/console", null, Map.of());
        assertThat(bare.statusCode()).isEqualTo(308);
        assertThat(bare.headers().firstValue("Location")).hasValue("/_emulator/console/");
        assertThat(send("GET", "/_emulator/console/secrets.txt", null, Map.of()).statusCode()).isEqualTo(404);
        assertThat(send("POST", "/_emulator/console/", "{}", Map.of()).statusCode()).isEqualTo(405);
    }

    @Test
    void leadsABrowserFromTheBaseUrlToTheConsoleAndLeavesApiClientsTheirNotFound() {
        HttpResponse<String> browser = send("GET", "/", null, Map.of("Accept", "text/html,application/xhtml+xml"));
        assertThat(browser.statusCode()).isEqualTo(303);
        assertThat(browser.headers().firstValue("Location")).hasValue("/_emulator/console/");
        assertThat(emulator.consoleUrl()).isEqualTo(emulator.baseUrl() + "/_emulator/console/");

        assertThat(send("GET", "/", null, Map.of("Accept", "application/json")).statusCode()).isEqualTo(404);
    }

    @Test
    void keepsOtherWebPagesOutByHostAndOrigin() throws IOException {
        assertThat(rawStatusLine("GET /_emulator/info", "evil.example:" + emulator.port()))
                .as("a page whose host name points at 127.0.0.1").contains(" 403 ");
        assertThat(rawStatusLine("GET /_emulator/info", "localhost:" + emulator.port())).contains(" 200 ");
        assertThat(rawStatusLine("GET /_emulator/info", "[::1]:" + emulator.port())).contains(" 200 ");

        HttpResponse<String> foreign = send("POST", "/_emulator/calls", "{\"steps\": []}",
                Map.of("Origin", "https://evil.example"));
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(foreign.body()).contains("pages from https://evil.example");
        assertThat(emulator.client().calls().list().calls()).isEmpty();
        assertThat(send("POST", "/_emulator/calls", "{\"steps\": []}", Map.of("Origin", emulator.baseUrl()))
                .statusCode()).as("the console's own page").isEqualTo(200);
    }

    @Test
    void showsTheAccountWithSchemasAndDeliveryHealthButNoSecret() {
        Webhook webhook = emulator.client().webhooks().create(CreateWebhookRequest.of(
                "http://127.0.0.1:9/hooks", EventType.CALL_ENDED));
        emulator.client().tools().create(CreateToolRequest.builder().name("lookupOrder").description("Looks up")
                .url("http://127.0.0.1:9/tools/lookupOrder").headers(Map.of("X-Fonella-Tool-Secret", "tool-secret-42"))
                .inputSchema(FonellaJson.mapper().readTree("{\"type\":\"object\",\"properties\":{\"orderNumber\":"
                        + "{\"type\":\"string\"}},\"required\":[\"orderNumber\"]}"))
                .build());
        emulator.faults().failNextDeliveries(webhook.webhookId(), 2);
        int recorded = emulator.requests().size();

        HttpResponse<String> answer = send("GET", "/_emulator/account", null, Map.of());
        JsonNode account = FonellaJson.mapper().readTree(answer.body());

        assertThat(account.path("accountId").asString()).isEqualTo(emulator.defaultAccount().accountId());
        assertThat(account.path("signatureScheme").asString()).isEqualTo("FONELLA");
        JsonNode tool = account.path("tools").get(0);
        assertThat(tool.path("inputSchema").path("required").get(0).asString()).isEqualTo("orderNumber");
        assertThat(tool.path("headerNames").get(0).asString()).isEqualTo("X-Fonella-Tool-Secret");
        JsonNode hook = account.path("webhooks").get(0);
        assertThat(hook.path("pendingFailures").asInt()).isEqualTo(2);
        assertThat(hook.path("failureCount").asInt()).isZero();
        assertThat(account.path("apiKeys").get(0).path("prefix").asString()).isEqualTo(emulator.apiKey().substring(0, 16));
        assertThat(answer.body()).doesNotContain("tool-secret-42", webhook.secret(), emulator.apiKey());
        assertThat(emulator.requests()).as("the console's reads are not API traffic").hasSize(recorded);
    }

    @Test
    void aCallPlacedWithoutWaitingIsWatchedWhileItRunsWithTheRecordingsAfterACursor() {
        try (HttpReceiver tool = HttpReceiver.answering(r -> Reply.result("It ships today.").after(Duration.ofMillis(300)));
                HttpReceiver hooks = HttpReceiver.ok()) {
            emulator.client().tools().create(CreateToolRequest.builder().name("lookupOrder").description("d")
                    .url(tool.url("/lookupOrder")).build());
            emulator.client().webhooks().create(CreateWebhookRequest.of(hooks.url("/hooks"), EventType.CALL_TRANSCRIPT,
                    EventType.CALL_ENDED));

            HttpResponse<String> placed = send("POST", "/_emulator/calls", """
                    {"wait": false, "steps": [{"user": "Where is order 7?"},
                      {"tool": "lookupOrder", "arguments": {"orderNumber": "7"}}, {"assistant": "It ships today."}]}
                    """, Map.of());
            assertThat(placed.statusCode()).isEqualTo(202);
            String callId = FonellaJson.mapper().readTree(placed.body()).path("callId").asString();

            JsonNode live = awaitCall(callId, "in-progress", 1);
            assertThat(live.path("transcriptMessages").get(0).path("text").asString()).isEqualTo("Where is order 7?");
            JsonNode over = awaitCall(callId, "ended", 3);
            assertThat(over).isEqualTo(FonellaJson.mapper().valueToTree(emulator.client().calls().get(callId)));

            JsonNode first = admin("/_emulator/deliveries?since=0");
            assertThat(first.path("total").asInt()).isEqualTo(3);
            assertThat(first.path("deliveries").get(0).path("callId").asString()).isEqualTo(callId);
            assertThat(first.path("deliveries").get(0).path("signatureScheme").asString()).isEqualTo("FONELLA");
            JsonNode rest = admin("/_emulator/deliveries?since=2");
            assertThat(rest.path("deliveries")).hasSize(1);
            assertThat(rest.path("deliveries").get(0).path("eventType").asString()).isEqualTo("call.ended");
            assertThat(admin("/_emulator/tool-invocations?since=1").path("toolInvocations")).isEmpty();
            assertThat(send("GET", "/_emulator/deliveries?since=-1", null, Map.of()).statusCode()).isEqualTo(400);
            assertThat(send("GET", "/_emulator/calls/nope", null, Map.of()).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void triesAToolOutsideACallWithItsOutcome() {
        try (HttpReceiver fast = HttpReceiver.answering(r -> Reply.result("Order 7 ships today."));
                HttpReceiver slow = HttpReceiver.answering(r -> Reply.result("Too late.").after(Duration.ofSeconds(2)))) {
            emulator.client().tools().create(CreateToolRequest.builder().name("lookupOrder").description("d")
                    .url(fast.url("/lookupOrder")).build());
            emulator.client().tools().create(CreateToolRequest.builder().name("slowTool").description("d")
                    .url(slow.url("/slowTool")).build());

            JsonNode tried = tryTool("{\"tool\": \"lookupOrder\", \"arguments\": {\"orderNumber\": \"7\"}}");
            assertThat(tried.path("outcome").asString()).isEqualTo("result");
            assertThat(tried.path("result").asString()).isEqualTo("Order 7 ships today.");
            assertThat(tried.path("status").asInt()).isEqualTo(200);
            assertThat(tried.path("callId").isNull()).isTrue();
            assertThat(fast.requests().get(0).header("X-Fonella-Call-Id")).isNull();
            assertThat(fast.requests().get(0).header("X-Fonella-Tool-Call-Id"))
                    .isEqualTo(tried.path("toolCallId").asString());
            assertThat(fast.requests().get(0).bodyText()).isEqualTo("{\"orderNumber\":\"7\"}");

            assertThat(tryTool("{\"tool\": \"slowTool\"}").path("outcome").asString()).isEqualTo("deadline");
            JsonNode unknown = tryTool("{\"tool\": \"noSuchTool\"}");
            assertThat(unknown.path("outcome").asString()).isEqualTo("error");
            assertThat(unknown.path("error").asString()).contains("no tool named 'noSuchTool'");
            assertThat(send("POST", "/_emulator/tool-invocations", "{}", Map.of()).body()).contains("tool must name");
        }
    }

    @Test
    void theNextDeliveryToASubscriptionFailsAndItsRetryReachesTheReceiver() {
        try (HttpReceiver hooks = HttpReceiver.ok()) {
            Webhook webhook = emulator.client().webhooks().create(CreateWebhookRequest.of(hooks.url("/hooks"),
                    EventType.CALL_ENDED));
            assertThat(send("POST", "/_emulator/faults", "{\"webhookId\": \"" + webhook.webhookId() + "\"}", Map.of())
                    .statusCode()).isEqualTo(200);

            send("POST", "/_emulator/calls", "{\"steps\": [{\"user\": \"Hi\"}]}", Map.of());

            assertThat(emulator.deliveries()).hasSize(2);
            assertThat(emulator.deliveries().get(0).succeeded()).isFalse();
            assertThat(emulator.deliveries().get(0).status()).isNull();
            assertThat(emulator.deliveries().get(0).error()).contains("injected fault");
            assertThat(emulator.deliveries().get(1).status()).isEqualTo(200);
            assertThat(hooks.requests()).hasSize(1);
            JsonNode shown = admin("/_emulator/deliveries").path("deliveries");
            assertThat(shown.get(0).path("injectedFault").asBoolean()).isTrue();
            assertThat(shown.get(1).path("injectedFault").asBoolean()).isFalse();
            Webhook after = emulator.client().webhooks().list().get(0);
            assertThat(after.failureCount()).isZero();
            assertThat(after.lastFailedAt()).isNotNull();

            emulator.faults().failNextDeliveries(webhook.webhookId(), 3);
            send("DELETE", "/_emulator/faults", null, Map.of());
            assertThat(emulator.faults().pendingDeliveryFailures(webhook.webhookId())).isZero();
        }
    }

    /** The status line of a request sent as written, with a Host header the JDK client would not send. */
    private static String rawStatusLine(String requestLine, String host) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), emulator.port())) {
            socket.getOutputStream().write((requestLine + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return answer.lines().findFirst().orElse("");
        }
    }

    private static JsonNode tryTool(String body) {
        HttpResponse<String> answer = send("POST", "/_emulator/tool-invocations", body, Map.of());
        assertThat(answer.statusCode()).isEqualTo(200);
        return FonellaJson.mapper().readTree(answer.body()).path("toolInvocation");
    }

    private static JsonNode awaitCall(String callId, String status, int messages) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (true) {
            JsonNode call = admin("/_emulator/calls/" + callId).path("call");
            if (call.path("status").asString().equals(status) && call.path("transcriptMessages").size() >= messages
                    && (status.equals("in-progress") || call.hasNonNull("summary"))) {
                return call;
            }
            assertThat(System.nanoTime()).as("call %s %s with %d messages", callId, status, messages).isLessThan(deadline);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static JsonNode admin(String path) {
        HttpResponse<String> answer = send("GET", path, null, Map.of());
        assertThat(answer.statusCode()).as(path).isEqualTo(200);
        return FonellaJson.mapper().readTree(answer.body());
    }

    private static HttpResponse<String> send(String method, String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
