package ai.fonella.test;

import ai.fonella.support.Secrets;
import ai.fonella.model.ApiKeyScope;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of the emulator: binds 127.0.0.1, routes API requests to the resource handlers after
 * checking method, key and scope, applies injected faults and latency, records every API request,
 * and stamps every answer with {@code X-Request-Id}. {@code /_emulator/...} goes to the admin handler.
 */
final class EmulatorServer {

    static final String REQUEST_ID_HEADER = "X-Request-Id";
    static final String ADMIN_PREFIX = "_emulator";

    /**
     * The JDK server writes headers and body in separate segments; with Nagle's algorithm and delayed
     * ACKs every answer then waits ~40 ms. TCP_NODELAY removes that. The JDK reads the property once,
     * when its first server is created in the JVM, so it is set here unless the user chose a value.
     */
    static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";

    static {
        if (System.getProperty(NODELAY_PROPERTY) == null) {
            System.setProperty(NODELAY_PROPERTY, "true");
        }
    }

    private static final Logger log = LoggerFactory.getLogger(FonellaEmulator.class);
    private static final InetAddress LOOPBACK = loopback();

    private final EmulatorState state;
    private final Recorder recorder;
    private final Faults faults;
    private final List<Route> routes;
    private final AdminHandler admin;
    private final AtomicInteger threadCount = new AtomicInteger();

    private HttpServer server;
    private ExecutorService executor;
    private int port;

    EmulatorServer(int port, EmulatorState state, Recorder recorder, Faults faults, EmulatorSettings settings,
            AdminHandler admin) {
        this.port = port;
        this.state = state;
        this.recorder = recorder;
        this.faults = faults;
        this.admin = admin;
        this.routes = List.of(
                new Route(List.of("v1", "me", "api-keys"), null, List.of("GET", "POST"), List.of("DELETE"),
                        new ApiKeysHandler(state)),
                new Route(List.of("v1", "webhooks"), ApiKeyScope.WEBHOOKS_MANAGE, List.of("GET", "POST"),
                        List.of("PATCH", "DELETE"), new WebhooksHandler(state, settings)),
                new Route(List.of("v1", "tools"), ApiKeyScope.TOOLS_MANAGE, List.of("GET", "POST"),
                        List.of("PATCH", "DELETE"), new ToolsHandler(state, settings)),
                new Route(List.of("v1", "calls"), ApiKeyScope.CALLS_READ, List.of("GET"), List.of("GET"),
                        new CallsHandler()));
    }

    /** Binds the configured port, or the port bound before after {@link #stop()}. */
    synchronized void start() {
        if (server != null) {
            return;
        }
        executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "fonella-emulator-http-" + threadCount.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            HttpServer created = HttpServer.create(new InetSocketAddress(LOOPBACK, port), 0);
            created.createContext("/", this::handle);
            created.setExecutor(executor);
            created.start();
            server = created;
            port = created.getAddress().getPort();
        } catch (IOException e) {
            executor.shutdownNow();
            executor = null;
            throw new UncheckedIOException("The Fonella emulator cannot listen on 127.0.0.1:" + port
                    + (port == 0 ? "" : "; is the port in use? Use port 0 for a free one") + ".", e);
        }
    }

    /** Stops listening; connections are refused until {@link #start()} binds the same port again. */
    synchronized void stop() {
        if (server == null) {
            return;
        }
        server.stop(0);
        executor.shutdownNow();
        server = null;
        executor = null;
    }

    synchronized boolean isRunning() {
        return server != null;
    }

    /** The bound port; before the first start, the configured one. */
    synchronized int port() {
        return port;
    }

    private void handle(HttpExchange exchange) {
        String requestId = Ids.requestId();
        try {
            exchange.getResponseHeaders().set(REQUEST_ID_HEADER, requestId);
            ApiRequest request = ApiRequest.read(exchange, requestId);
            List<String> segments = request.segments();
            if (!segments.isEmpty() && segments.get(0).equals(ADMIN_PREFIX)) {
                write(exchange, admin.handle(request, exchange.getRemoteAddress()));
                return;
            }
            if (segments.isEmpty() && request.method().equals("GET") && acceptsHtml(request.header("Accept"))) {
                // a browser opening the base URL: the console (which answers loopback callers only)
                write(exchange, ApiResponse.raw(303, null, "", Map.of("Location", "/" + ADMIN_PREFIX + "/"
                        + AdminHandler.CONSOLE + "/")));
                return;
            }
            ApiResponse response = answer(request);
            recorder.request(new RecordedRequest(requestId, request.method(), request.path(), request.rawQuery(),
                    response.status(), keyPrefix(request.header("Authorization")), request.bodyText(),
                    state.now()));
            write(exchange, response);
        } catch (IOException e) {
            log.debug("Could not answer request {}: {}", requestId, e.toString());
        } finally {
            exchange.close();
        }
    }

    private ApiResponse answer(ApiRequest request) {
        Duration latency = faults.latency();
        if (!latency.isZero()) {
            try {
                Thread.sleep(latency.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Optional<Fault> fault = faults.take(request.method(), request.path());
        if (fault.isPresent()) {
            log.debug("{} {} answered by injected {}", request.method(), request.path(), fault.get());
            return fault.get().response();
        }
        try {
            return dispatch(request);
        } catch (ApiError e) {
            return ApiResponse.error(e);
        } catch (RuntimeException e) {
            log.warn("The Fonella emulator failed on {} {}", request.method(), request.path(), e);
            return ApiResponse.error(500, "internal_error", "The emulator failed: " + e, Map.of());
        }
    }

    private ApiResponse dispatch(ApiRequest request) {
        List<String> segments = request.segments();
        for (Route route : routes) {
            Optional<Target> target = route.match(segments);
            if (target.isEmpty()) {
                continue;
            }
            List<String> allowed = target.get().isItem() ? route.itemMethods() : route.collectionMethods();
            if (!allowed.contains(request.method())) {
                throw ApiError.methodNotAllowed(request.method(), request.path(), String.join(", ", allowed));
            }
            Caller caller = state.authenticate(request.header("Authorization"));
            if (route.scope() != null && !caller.key().scopes().contains(route.scope())) {
                throw ApiError.forbidden("The API key " + caller.key().prefix() + "… lacks the '"
                        + route.scope().wireName() + "' scope this endpoint needs; create a key with it.");
            }
            return target.get().isItem()
                    ? route.handler().item(request, caller, target.get().id())
                    : route.handler().collection(request, caller);
        }
        throw ApiError.notFound("There is no endpoint " + request.method() + " " + request.path() + "; see the "
                + "Fonella API reference for the paths under /v1/.");
    }

    private static void write(HttpExchange exchange, ApiResponse response) throws IOException {
        response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        if (response.contentType() != null) {
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
        }
        byte[] body = response.body();
        boolean head = exchange.getRequestMethod().equalsIgnoreCase("HEAD");
        exchange.sendResponseHeaders(response.status(), body.length == 0 || head ? -1 : body.length);
        if (body.length > 0 && !head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static boolean acceptsHtml(String accept) {
        return accept != null && accept.contains("text/html");
    }

    /** The prefix of the Bearer token sent, for the recording; never a whole token. */
    private static String keyPrefix(String authorization) {
        String token = EmulatorState.bearerToken(authorization);
        return token != null && token.length() > Secrets.KEY_PREFIX_LENGTH ? Secrets.apiKeyPrefix(token) : null;
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress("127.0.0.1", new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A resource: its collection path, the scope it needs, the methods allowed on the collection and
     * on an item, and its handler.
     */
    private record Route(List<String> collection, ApiKeyScope scope, List<String> collectionMethods,
            List<String> itemMethods, ResourceHandler handler) {

        Optional<Target> match(List<String> segments) {
            if (segments.size() < collection.size() || segments.size() > collection.size() + 1
                    || !segments.subList(0, collection.size()).equals(collection)) {
                return Optional.empty();
            }
            return Optional.of(new Target(segments.size() > collection.size() ? segments.get(collection.size()) : null));
        }
    }

    private record Target(String id) {
        boolean isItem() {
            return id != null;
        }
    }
}
