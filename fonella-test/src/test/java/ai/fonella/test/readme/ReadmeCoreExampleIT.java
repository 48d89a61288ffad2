package ai.fonella.test.readme;

import static org.assertj.core.api.Assertions.assertThat;

import ai.fonella.client.FonellaClient;
import ai.fonella.event.CallSummaryEvent;
import ai.fonella.event.EventDispatcher;
import ai.fonella.event.EventParseException;
import ai.fonella.event.OnFonellaEvent;
import ai.fonella.tool.ToolSchemaGenerator;
import ai.fonella.sync.DesiredTool;
import ai.fonella.sync.SyncPlan;
import ai.fonella.sync.ToolEndpoint;
import ai.fonella.sync.ToolSync;
import ai.fonella.test.FonellaEmulator;
import ai.fonella.tool.FonellaTool;
import ai.fonella.tool.InvocableTool;
import ai.fonella.tool.ToolArguments;
import ai.fonella.tool.ToolCallContext;
import ai.fonella.tool.ToolDefinition;
import ai.fonella.tool.ToolDefinitions;
import ai.fonella.tool.ToolInvoker;
import ai.fonella.tool.ToolOutcome;
import ai.fonella.webhook.SignatureScheme;
import ai.fonella.webhook.WebhookSigner;
import ai.fonella.webhook.WebhookVerificationException;
import ai.fonella.webhook.WebhookVerifier;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's "Using the core without Spring" example, step by step, so it cannot drift. */
class ReadmeCoreExampleIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public static class OrderTools {
        @FonellaTool(description = "Look up the status of a customer order by order number")
        public String lookupOrder(String orderNumber) {
            return "Order " + orderNumber + " has shipped.";
        }
    }

    public static class CallHandlers {
        final List<String> summaries = new ArrayList<>();

        @OnFonellaEvent
        public void onSummary(CallSummaryEvent event) {
            summaries.add(event.summary());
        }
    }

    @Test
    void theReadmeExampleWorksAsWritten() throws Exception {
        // 1. Define a tool on a plain class and look at its schema.
        List<ToolDefinition> tools = ToolDefinitions.fromObject(new OrderTools());
        assertThat(ToolSchemaGenerator.toPrettyJson(tools.get(0).inputSchema())).contains("\"orderNumber\"");

        // 2. Invoke it from JSON, as the HTTP endpoint would.
        ToolInvoker invoker = ToolInvoker.builder().build();
        InvocableTool lookup = invoker.prepare(tools.get(0), new OrderTools());
        ToolOutcome outcome = invoker.invoke(lookup, ToolArguments.json("{\"orderNumber\":\"A-1001\"}"),
                ToolCallContext.empty());
        assertThat(outcome.result()).isEqualTo("Order A-1001 has shipped.");

        // 3. Sync it with Fonella (here: an emulator).
        try (FonellaEmulator emulator = FonellaEmulator.builder().start()) {
            FonellaClient client = emulator.client();
            ToolEndpoint endpoint = ToolEndpoint.of("https://shop.example.com", "tool-secret");
            SyncPlan plan = new ToolSync(client).plan(DesiredTool.of(tools, endpoint), endpoint, false);
            assertThat(plan.render()).startsWith("+ create lookupOrder");
            new ToolSync(client).apply(plan, endpoint);
            assertThat(client.tools().findByName("lookupOrder")).isPresent();
        }

        // 4. Receive webhook deliveries, here with the JDK's HTTP server.
        String webhookSecret = WebhookSigner.generateSecret();
        CallHandlers handlers = new CallHandlers();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.start();
        try {
            WebhookVerifier verifier = WebhookVerifier.builder().secret(webhookSecret).build();
            EventDispatcher dispatcher = EventDispatcher.builder().listener(handlers).build();
            server.createContext("/fonella/webhooks", exchange -> {
                byte[] rawBody = exchange.getRequestBody().readAllBytes();
                int status;
                try {
                    verifier.verify(rawBody, exchange.getRequestHeaders()::getFirst); // the exact bytes, before parsing
                    status = dispatcher.dispatch(rawBody).httpStatus();   // 200, or 500 so that Fonella retries
                } catch (WebhookVerificationException e) {
                    status = 401;
                } catch (EventParseException e) {
                    status = 400;
                }
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });

            byte[] summary = ("{\"id\":\"evt_1\",\"type\":\"call.summary\",\"createdAt\":\"2026-11-24T10:00:00Z\","
                    + "\"data\":{\"call\":{\"id\":\"call-1\"},\"summary\":\"Asked about A-1001.\"}}")
                    .getBytes(StandardCharsets.UTF_8);
            URI webhooks = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/fonella/webhooks");
            assertThat(deliver(webhooks, summary, webhookSecret)).isEqualTo(200);
            assertThat(handlers.summaries).containsExactly("Asked about A-1001.");
            assertThat(deliver(webhooks, summary, WebhookSigner.generateSecret())).isEqualTo(401);
            assertThat(deliver(webhooks, "not json".getBytes(StandardCharsets.UTF_8), webhookSecret)).isEqualTo(400);
            assertThat(handlers.summaries).hasSize(1);
        } finally {
            server.stop(0);
        }
    }

    /** POSTs a body signed with a secret, as Fonella does; returns the status. */
    private static int deliver(URI url, byte[] body, String secret) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", "application/json");
        WebhookSigner.of(SignatureScheme.FONELLA, secret).sign("evt_1", Instant.now(), body).forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
