package ai.fonella.spring.boot.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 17, item 4: a burst of slow tool calls larger than the server's request thread pool. Each
 * call's deadline counts from its arrival, and tools never hold every request thread: beyond
 * {@code fonella.tools.inline-limit} (half the pool by default) calls run on the invoker's threads,
 * so no call waits unseen in the server's queue. Every call is answered within the deadline plus a
 * margin of when it was sent, with and without virtual threads. The control run, with every call on
 * a request thread (an unlimited inline limit, as before), shows what the limit prevents.
 */
class ToolBurstIT {

    private static final int THREADS = 8;
    private static final int CALLS = 3 * THREADS;
    private static final Duration DEADLINE = Duration.ofSeconds(1);
    private static final Duration MARGIN = Duration.ofMillis(750);

    @Test
    void answersEveryCallOfABurstLargerThanThePoolWithinItsDeadlineFromArrival() throws Exception {
        long[] latest = burst("platform threads, default inline limit");
        assertThat(Duration.ofNanos(latest[CALLS - 1])).isLessThan(DEADLINE.plus(MARGIN));
    }

    @Test
    void withEveryCallOnARequestThreadQueuedCallsWaitForAThread() throws Exception {
        long[] latest = burst("control: platform threads, unlimited inline",
                "fonella.tools.inline-limit=" + Integer.MAX_VALUE);
        // the calls beyond the pool wait unseen in the server's queue for a thread: two deadlines and more
        assertThat(Duration.ofNanos(latest[CALLS - 1])).isGreaterThan(DEADLINE.multipliedBy(2));
    }

    @Test
    @EnabledForJreRange(min = JRE.JAVA_21)
    void withVirtualThreadsEveryCallOfTheBurstRunsAtOnceAndMeetsItsDeadline() throws Exception {
        long[] latest = burst("virtual threads", "spring.threads.virtual.enabled=true");
        assertThat(Duration.ofNanos(latest[CALLS - 1])).isLessThan(DEADLINE.plus(MARGIN));
    }

    /** Sends {@link #CALLS} calls of the slow tool at once and returns their latencies, sorted. */
    private static long[] burst(String label, String... properties) throws Exception {
        List<String> all = new ArrayList<>(List.of("server.port=0", "server.address=127.0.0.1",
                "server.tomcat.threads.max=" + THREADS, "server.tomcat.threads.min-spare=" + THREADS,
                "fonella.tools.timeout=" + DEADLINE.toMillis() + "ms", "fonella.tools.secret=burst-secret",
                "logging.level.ai.fonella=WARN"));
        all.addAll(List.of(properties));
        ExecutorService clients = Executors.newFixedThreadPool(CALLS);
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(ReliabilityApp.class)
                .properties(all.toArray(String[]::new)).run()) {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(clients).build();
            HttpRequest fast = request(port, "fast", "{\"n\":1}");
            for (int i = 0; i < THREADS; i++) {
                http.send(fast, HttpResponse.BodyHandlers.ofString()); // warm up
            }
            HttpRequest slow = request(port, "slow", "{}");
            List<CompletableFuture<Long>> calls = new ArrayList<>();
            for (int i = 0; i < CALLS; i++) {
                long sent = System.nanoTime();
                calls.add(http.sendAsync(slow, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
                    long took = System.nanoTime() - sent;
                    assertThat(response.statusCode()).isEqualTo(200);
                    assertThat(response.body()).contains("taking longer");
                    return took;
                }));
            }
            long[] latencies = new long[CALLS];
            for (int i = 0; i < CALLS; i++) {
                latencies[i] = calls.get(i).get();
            }
            Arrays.sort(latencies);
            System.out.printf("BURST %s (Java %d): %d calls of a 10 s tool, %d request threads, %d ms deadline: "
                    + "answered after p50 %d ms, latest %d ms%n", label, Runtime.version().feature(), CALLS,
                    THREADS, DEADLINE.toMillis(), latencies[CALLS / 2] / 1_000_000,
                    latencies[CALLS - 1] / 1_000_000);
            return latencies;
        } finally {
            clients.shutdownNow();
        }
    }

    private static HttpRequest request(int port, String tool, String body) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/fonella/tools/" + tool))
                .header("Content-Type", "application/json").header("X-Fonella-Tool-Secret", "burst-secret")
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
