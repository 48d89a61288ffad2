package ai.fonella.test.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A tiny HTTP server on 127.0.0.1 standing in for a webhook receiver or a tool endpoint: it records
 * every request and answers with what its responder says.
 */
public final class HttpReceiver implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "test-receiver");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Received> received = new ArrayList<>();
    private volatile Function<Received, Reply> responder;

    private HttpReceiver(Function<Received, Reply> responder) {
        this.responder = responder;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** A receiver answering every request with 200 and an empty body. */
    public static HttpReceiver ok() {
        return new HttpReceiver(request -> Reply.status(200));
    }

    /** A receiver answering with whatever the responder returns. */
    public static HttpReceiver answering(Function<Received, Reply> responder) {
        return new HttpReceiver(responder);
    }

    /** Changes the answers from now on. */
    public void answer(Function<Received, Reply> responder) {
        this.responder = responder;
    }

    /** An http URL of this receiver. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Every request so far, oldest first. */
    public synchronized List<Received> requests() {
        return List.copyOf(received);
    }

    /** Forgets the recorded requests. */
    public synchronized void clear() {
        received.clear();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
            Received request = new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getRawQuery(), headers, body);
            synchronized (this) {
                received.add(request);
            }
            Reply reply = responder.apply(request);
            if (!reply.delay().isZero()) {
                try {
                    Thread.sleep(reply.delay().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            byte[] out = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", reply.contentType());
            exchange.sendResponseHeaders(reply.status(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream stream = exchange.getResponseBody()) {
                    stream.write(out);
                }
            }
        } catch (IOException e) {
            // The caller gave up (a timeout under test); nothing to answer.
        }
    }

    /**
     * One received request.
     *
     * @param method the HTTP method
     * @param path the decoded path
     * @param rawQuery the raw query, or {@code null}
     * @param headers first value of each header, names case-insensitive
     * @param body the raw body bytes
     */
    public record Received(String method, String path, String rawQuery, Map<String, String> headers, byte[] body) {

        /** The body as UTF-8 text. */
        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** A header's first value, case-insensitive, or {@code null}. */
        public String header(String name) {
            return headers.get(name);
        }
    }

    /**
     * An answer.
     *
     * @param status the HTTP status
     * @param contentType the content type
     * @param body the body text
     * @param delay how long to wait before answering
     */
    public record Reply(int status, String contentType, String body, Duration delay) {

        /** A status with an empty body. */
        public static Reply status(int status) {
            return new Reply(status, "text/plain", "", Duration.ZERO);
        }

        /** A 200 JSON answer. */
        public static Reply json(String json) {
            return new Reply(200, "application/json", json, Duration.ZERO);
        }

        /** The tool answer {@code {"result": "<text>"}}. */
        public static Reply result(String text) {
            return json("{\"result\":\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
        }

        /** The same answer after a delay. */
        public Reply after(Duration delay) {
            return new Reply(status, contentType, body, delay);
        }
    }
}
