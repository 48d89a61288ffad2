package ai.fonella.samples.plainjava;

import ai.fonella.client.FonellaClient;
import ai.fonella.event.DispatchResult;
import ai.fonella.event.EventDispatcher;
import ai.fonella.event.EventParseException;
import ai.fonella.model.EventType;
import ai.fonella.sync.DesiredTool;
import ai.fonella.sync.SyncPlan;
import ai.fonella.sync.ToolEndpoint;
import ai.fonella.sync.ToolSecrets;
import ai.fonella.sync.ToolSync;
import ai.fonella.sync.WebhookPlan;
import ai.fonella.sync.WebhookSync;
import ai.fonella.sync.WebhookSyncResult;
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
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The order desk without a framework: fonella-core and the JDK's built-in HTTP server. By hand,
 * everything the Spring Boot starter does for you:
 * <ol>
 *   <li>tool definitions and their JSON Schema from {@code @FonellaTool} methods ({@link ToolDefinitions}),</li>
 *   <li>{@code POST|GET /fonella/tools/{name}}: tool secret check in constant time, then
 *       {@link ToolInvoker} binds the arguments and runs the method under a deadline,</li>
 *   <li>{@code POST /fonella/webhooks}: {@link WebhookVerifier} over the raw body before anything
 *       parses it, then {@link EventDispatcher} runs the {@code @OnFonellaEvent} methods once per event,</li>
 *   <li>at startup, {@link ToolSync} registers the tools and {@link WebhookSync} the webhook subscription.</li>
 * </ol>
 */
public final class OrderDeskServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OrderDeskServer.class);

    private static final String BASE_PATH = ToolEndpoint.DEFAULT_BASE_PATH;
    private static final String TOOLS_PATH = BASE_PATH + "/tools/";
    private static final String WEBHOOKS_PATH = BASE_PATH + "/webhooks";
    private static final int MAX_BODY_BYTES = 1024 * 1024;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final OrderTools orderTools = new OrderTools();
    private final CallLog callLog = new CallLog();
    private final List<ToolDefinition> definitions = ToolDefinitions.fromObject(orderTools);
    private final ToolInvoker invoker = ToolInvoker.builder().build();
    private final Map<String, InvocableTool> tools;
    private final EventDispatcher dispatcher = EventDispatcher.builder().listener(callLog).build();
    /** The secrets of the webhook subscription; a list, so that a rotated secret can be added first. */
    private final List<String> webhookSecrets = new CopyOnWriteArrayList<>();
    private final WebhookVerifier verifier = WebhookVerifier.builder().secrets(() -> webhookSecrets).build();
    private final PrintStream console;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final ToolEndpoint endpoint;
    private final FonellaClient client;
    private final Settings settings;

    /**
     * Where the API is and where Fonella reaches this app.
     *
     * @param apiKey the API key
     * @param baseUrl the API base URL, e.g. {@code https://api.fonella.ai} or an emulator's
     * @param publicUrl the HTTPS address where Fonella reaches this app; {@code null} for this app's
     *     loopback address, which only an emulator on the same machine can reach
     * @param port the port to listen on, 0 for any free one
     * @param showToolTraffic whether the console shows each tool call's arguments and result, which
     *     carry personal data: for a demo, not for production
     */
    public record Settings(String apiKey, String baseUrl, String publicUrl, int port, boolean showToolTraffic) {
    }

    private OrderDeskServer(Settings settings, PrintStream console) throws IOException {
        this.settings = settings;
        this.console = console;
        this.tools = definitions.stream().collect(Collectors.toMap(ToolDefinition::name,
                definition -> invoker.prepare(definition, orderTools)));
        this.server = HttpServer.create(new InetSocketAddress(settings.port()), 0);
        String publicUrl = settings.publicUrl() != null ? settings.publicUrl()
                : "http://127.0.0.1:" + server.getAddress().getPort();
        // The same secret on every instance with this key and URL; or configure one of your own.
        String toolSecret = ToolSecrets.derive(settings.apiKey(), ToolEndpoint.of(publicUrl, null));
        this.endpoint = ToolEndpoint.of(publicUrl, toolSecret);
        this.client = FonellaClient.builder().apiKey(settings.apiKey()).baseUrl(settings.baseUrl()).build();
        server.createContext(TOOLS_PATH, exchange -> handle(exchange, this::invokeTool));
        server.createContext(WEBHOOKS_PATH, exchange -> handle(exchange, this::receiveWebhook));
        server.setExecutor(executor);
    }

    /**
     * Starts serving, then registers the tools and the webhook subscription.
     *
     * @param settings where the API is and where Fonella reaches this app
     * @param console where to narrate what happens
     * @return the running server
     * @throws IOException if the port cannot be bound
     */
    public static OrderDeskServer start(Settings settings, PrintStream console) throws IOException {
        OrderDeskServer desk = new OrderDeskServer(settings, console);
        desk.server.start();
        try {
            desk.syncTools();
            desk.subscribeToEvents();
        } catch (RuntimeException e) {
            desk.close();
            throw e;
        }
        return desk;
    }

    /** Creates, updates (and never deletes) the tools this app owns: those under its tool URL prefix. */
    private void syncTools() {
        ToolSync sync = new ToolSync(client);
        SyncPlan plan = sync.plan(DesiredTool.of(definitions, endpoint), endpoint, false);
        console.println("Tool sync for " + endpoint.toolUrlPrefix() + "\n" + plan.render().indent(2).stripTrailing());
        sync.apply(plan, endpoint);
    }

    /**
     * One subscription at this app's webhook URL, for exactly the events the handlers take: the same
     * plan-then-apply {@link WebhookSync} the Spring Boot starter runs (the oldest registration at the
     * URL wins, duplicates from instances starting together are removed, all their secrets accepted).
     */
    private void subscribeToEvents() {
        Set<EventType> events = EnumSet.noneOf(EventType.class);
        dispatcher.handlers().forEach(handler -> events.addAll(handler.definition().eventTypes()));
        WebhookSync sync = new WebhookSync(client);
        WebhookPlan plan = sync.plan(endpoint, events);
        console.println("Webhook sync for " + endpoint.webhookUrl() + "\n" + plan.render().indent(2).stripTrailing());
        WebhookSyncResult result = sync.apply(plan);
        webhookSecrets.addAll(0, result.secrets());
        console.println("Webhook subscription " + result.subscription().webhookId() + ": "
                + events.stream().sorted().map(EventType::wireName).toList());
    }

    /** {@code POST|GET /fonella/tools/{name}}. */
    private Reply invokeTool(HttpExchange exchange) throws IOException {
        // 1. Only Fonella knows the secret registered in the tool's headers. Constant-time compare.
        String presented = exchange.getRequestHeaders().getFirst(endpoint.secretHeader());
        if (presented == null || !MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
                endpoint.secret().getBytes(StandardCharsets.UTF_8))) {
            return Reply.error(401, "Missing or wrong " + endpoint.secretHeader() + ".");
        }
        String name = exchange.getRequestURI().getPath().substring(TOOLS_PATH.length());
        InvocableTool tool = tools.get(name);
        if (tool == null) {
            return Reply.error(404, "No tool named '" + name + "'.");
        }
        String method = tool.definition().httpMethod().name();
        if (!exchange.getRequestMethod().equals(method)) {
            exchange.getResponseHeaders().set("Allow", method);
            return Reply.error(405, "Tool '" + name + "' takes " + method + ".");
        }
        // 2. Bind and invoke. A failing or slow tool still gets a result the assistant can say.
        byte[] body = method.equals("GET") ? new byte[0] : readBody(exchange);
        if (body == null) {
            return Reply.error(413, "The body is larger than " + MAX_BODY_BYTES + " bytes.");
        }
        ToolArguments arguments = method.equals("GET")
                ? ToolArguments.query(queryParameters(exchange.getRequestURI().getRawQuery()))
                : ToolArguments.json(body);
        ToolOutcome outcome = invoker.invoke(tool, arguments,
                ToolCallContext.fromHeaders(exchange.getRequestHeaders()));
        String call = !settings.showToolTraffic() ? name // arguments and results carry personal data
                : name + "(" + (method.equals("GET") ? exchange.getRequestURI().getRawQuery()
                        : new String(body, StandardCharsets.UTF_8)) + ") -> \"" + outcome.result() + "\" ";
        console.printf("  tool    %s [%s, %d ms]%n", call, outcome.status().name().toLowerCase(Locale.ROOT),
                outcome.duration().toMillis());
        return new Reply(200, Map.of("result", outcome.result()));
    }

    /** {@code POST /fonella/webhooks}. */
    private Reply receiveWebhook(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestMethod().equals("POST")) {
            exchange.getResponseHeaders().set("Allow", "POST");
            return Reply.error(405, "Webhooks are POSTed.");
        }
        byte[] body = readBody(exchange);
        if (body == null) {
            return Reply.error(413, "The body is larger than " + MAX_BODY_BYTES + " bytes.");
        }
        // 1. The signature covers the exact bytes received: verify them before parsing anything.
        try {
            verifier.verify(body, exchange.getRequestHeaders()::getFirst);
        } catch (WebhookVerificationException e) {
            console.println("  webhook REJECTED: " + e.reason());
            return Reply.error(401, "Invalid webhook signature.");
        }
        // 2. Parse, skip handlers that already handled this event id, run the others.
        DispatchResult result;
        try {
            result = dispatcher.dispatch(body);
        } catch (EventParseException e) {
            return Reply.error(400, "Malformed event: " + e.getMessage());
        }
        console.printf("  webhook %s verified, handled -> %d%n", result.event().type(), result.httpStatus());
        // 200 when every handler is done; 500 or 503 make Fonella redeliver.
        return new Reply(result.httpStatus(), Map.of("received", true));
    }

    private void handle(HttpExchange exchange, Handler handler) throws IOException {
        try (exchange) {
            Reply reply;
            try {
                reply = handler.handle(exchange);
            } catch (RuntimeException e) {
                log.error("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI().getPath(), e);
                reply = Reply.error(500, "Internal error.");
            }
            byte[] json = JSON.writeValueAsBytes(reply.body());
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(reply.status(), json.length);
            exchange.getResponseBody().write(json);
        }
    }

    /** @return the body, or {@code null} when it is larger than the limit */
    private static byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            return body.length > MAX_BODY_BYTES ? null : body;
        }
    }

    private static Map<String, List<String>> queryParameters(String rawQuery) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        Function<String, String> decode = text -> URLDecoder.decode(text, StandardCharsets.UTF_8);
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String name = decode.apply(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode.apply(pair.substring(equals + 1));
            parameters.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
        }
        return parameters;
    }

    /** @return the tool definitions, with the JSON Schema registered for each */
    public List<ToolDefinition> definitions() {
        return definitions;
    }

    /** @return the tools, with the callbacks they booked */
    public OrderTools orderTools() {
        return orderTools;
    }

    /** @return what the event handlers stored */
    public CallLog callLog() {
        return callLog;
    }

    /** @return where Fonella reaches the tools and webhooks */
    public ToolEndpoint endpoint() {
        return endpoint;
    }

    /** @return the API client */
    public FonellaClient client() {
        return client;
    }

    /** @return the port the server listens on */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        invoker.close();
    }

    @FunctionalInterface
    private interface Handler {
        Reply handle(HttpExchange exchange) throws IOException;
    }

    private record Reply(int status, Map<String, ?> body) {
        static Reply error(int status, String message) {
            return new Reply(status, Map.of("error", message));
        }
    }
}
