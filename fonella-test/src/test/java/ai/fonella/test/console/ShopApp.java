package ai.fonella.test.console;

import ai.fonella.client.FonellaClient;
import ai.fonella.model.CreateWebhookRequest;
import ai.fonella.model.EventType;
import ai.fonella.sync.DesiredTool;
import ai.fonella.sync.ToolEndpoint;
import ai.fonella.sync.ToolSync;
import ai.fonella.tool.InvocableTool;
import ai.fonella.tool.ToolArguments;
import ai.fonella.tool.ToolCallContext;
import ai.fonella.tool.ToolDefinition;
import ai.fonella.tool.ToolDefinitions;
import ai.fonella.tool.ToolInvoker;
import ai.fonella.tool.ToolOutcome;
import ai.fonella.webhook.WebhookVerificationException;
import ai.fonella.webhook.WebhookVerifier;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small app on fonella-core and the JDK's HTTP server, standing in for the developer's app in the
 * console tests: it serves {@link ShopTools} with core's real binding (so argument errors are
 * spoken as an app would speak them), verifies every webhook delivery, and registers its tools and
 * one subscription with the emulator as an app does at startup.
 */
final class ShopApp implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String TOOLS = "/fonella/tools/";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final ToolInvoker invoker = ToolInvoker.builder().build();
    private final Map<String, InvocableTool> tools;
    private final WebhookVerifier verifier;
    private final String webhookId;
    private final ShopTools target = new ShopTools();

    ShopApp(FonellaClient client) throws IOException {
        List<ToolDefinition> definitions = ToolDefinitions.fromObject(target);
        tools = definitions.stream().collect(Collectors.toMap(ToolDefinition::name, d -> invoker.prepare(d, target)));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(TOOLS, this::tool);
        server.createContext("/fonella/webhooks", this::webhook);
        server.setExecutor(executor);
        server.start();
        ToolEndpoint endpoint = ToolEndpoint.of("http://127.0.0.1:" + server.getAddress().getPort(), "shop-secret");
        ToolSync sync = new ToolSync(client);
        sync.apply(sync.plan(DesiredTool.of(definitions, endpoint), endpoint, false), endpoint);
        var webhook = client.webhooks().create(new CreateWebhookRequest(endpoint.webhookUrl(),
                List.of(EventType.CALL_TRANSCRIPT, EventType.CALL_TOOL_CALL, EventType.CALL_ENDED,
                        EventType.CALL_SUMMARY), "Shop"));
        verifier = WebhookVerifier.builder().secret(webhook.secret()).build();
        webhookId = webhook.webhookId();
    }

    ShopTools tools() {
        return target;
    }

    String webhookId() {
        return webhookId;
    }

    private void tool(HttpExchange exchange) throws IOException {
        try (exchange) {
            InvocableTool tool = tools.get(exchange.getRequestURI().getPath().substring(TOOLS.length()));
            if (tool == null || !"shop-secret".equals(exchange.getRequestHeaders().getFirst(ToolEndpoint.DEFAULT_SECRET_HEADER))) {
                exchange.sendResponseHeaders(tool == null ? 404 : 401, -1);
                return;
            }
            ToolOutcome outcome = invoker.invoke(tool, ToolArguments.json(read(exchange)),
                    ToolCallContext.fromHeaders(exchange.getRequestHeaders()));
            byte[] body = JSON.writeValueAsBytes(Map.of("result", outcome.result()));
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private void webhook(HttpExchange exchange) throws IOException {
        try (exchange) {
            int status = 200;
            try {
                verifier.verify(read(exchange), exchange.getRequestHeaders()::getFirst);
            } catch (WebhookVerificationException e) {
                status = 401;
            }
            exchange.sendResponseHeaders(status, -1);
        }
    }

    private static byte[] read(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return in.readAllBytes();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        invoker.close();
    }
}
