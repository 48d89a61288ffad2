package ai.fonella.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A retried DELETE whose first answer was lost must not report the deletion as a failure. */
class IdempotentDeleteTests {

    private HttpServer server;
    private final Deque<Integer> statuses = new ConcurrentLinkedDeque<>();
    private final List<Duration> waits = new ArrayList<>();
    private FonellaClient client;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            int status = statuses.isEmpty() ? 200 : statuses.poll();
            byte[] body = (status == 200 ? "{\"success\":true}"
                    : "{\"success\":false,\"error\":{\"code\":\"x\",\"message\":\"status " + status + "\"}}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        client = FonellaClient.builder()
                .baseUrl("http://127.0.0.1:" + server.getAddress().getPort())
                .apiKey("fon_live_unit0000000000000000000000")
                .retryPolicy(RetryPolicy.DEFAULT.withoutJitter())
                .sleeper(waits::add)
                .build();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void treatsNotFoundOnARetriedDeleteAsDeleted() {
        statuses.add(503);
        statuses.add(404);

        client.tools().delete("tool-1");

        assertThat(waits).containsExactly(Duration.ofMillis(500));
    }

    @Test
    void stillReportsNotFoundOnAFirstDelete() {
        statuses.add(404);

        assertThatThrownBy(() -> client.tools().delete("tool-1")).isInstanceOf(FonellaNotFoundException.class);
        assertThat(waits).isEmpty();
    }
}
