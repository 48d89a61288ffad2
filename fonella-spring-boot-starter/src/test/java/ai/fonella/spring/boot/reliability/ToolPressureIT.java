package ai.fonella.spring.boot.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import ai.fonella.spring.boot.autoconfigure.FonellaProperties;
import ai.fonella.spring.boot.registry.FonellaSecrets;
import ai.fonella.support.FonellaJson;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Issue 8, items 12 to 14, over real HTTP: a tool past its deadline, a burst of concurrent calls, and
 * arguments that are wrong in every way the issue lists. Latencies are measured by the client.
 */
@ReliabilityAppTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ToolPressureIT {

    private static final int CONCURRENT = 100;

    @LocalServerPort
    int port;

    @Autowired
    FonellaSecrets secrets;

    @Autowired
    FonellaProperties properties;

    @Autowired
    ProbeTools tools;

    private HttpClient http;
    private ExecutorService callers;
    private ExecutorService starters;

    @BeforeAll
    void start() {
        callers = Executors.newFixedThreadPool(CONCURRENT);
        starters = Executors.newFixedThreadPool(CONCURRENT);
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(callers)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    void stop() {
        callers.shutdownNow();
        starters.shutdownNow();
    }

    // ---- item 12 ------------------------------------------------------------------------------

    @Test
    void answersAToolPastItsDeadlineWithTheFallbackWithinTheTimeoutPlus200msAndInterruptsIt() throws Exception {
        Duration timeout = properties.getTools().getTimeout();
        post("fast", "{\"n\":0}"); // a warm server: the first request of a context initializes Spring MVC
        for (int run = 0; run < 3; run++) {
            CountDownLatch interruption = new CountDownLatch(1);
            tools.slowInterruption = interruption;
            int completed = tools.slowCompleted.get();
            long start = System.nanoTime();

            HttpResponse<String> response = post("slow", "{}");
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
            JsonNode body = FonellaJson.mapper().readTree(response.body());
            assertThat(body.propertyNames()).containsExactly("result");
            assertThat(body.get("result").asString()).isEqualTo(properties.getTools().getFallbackResult());
            assertThat(took).as("run %d", run).isGreaterThanOrEqualTo(timeout)
                    .isLessThanOrEqualTo(timeout.plusMillis(200));
            assertThat(interruption.await(5, TimeUnit.SECONDS)).as("the handler was interrupted").isTrue();
            assertThat(tools.slowCompleted.get()).isEqualTo(completed);
        }
    }

    // ---- item 13 ------------------------------------------------------------------------------

    @Test
    void servesAHundredConcurrentCallsOfAFastToolWithoutGrowingThreadsOrHeap() throws Exception {
        holdAHundredCallsAtOnce(); // grows every pool on the way (client, server, invoker) to a hundred workers
        burst(0);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        int threadsBefore = threads.getThreadCount();
        long heapBefore = heapAfterGc(memory);

        List<Long> latencies = new ArrayList<>();
        for (int round = 1; round <= 5; round++) {
            latencies.addAll(burst(round));
        }
        int threadsAfter = threads.getThreadCount();
        long heapAfter = heapAfterGc(memory);

        Collections.sort(latencies);
        long p50 = latencies.get(latencies.size() / 2);
        long p99 = latencies.get((int) Math.ceil(latencies.size() * 0.99) - 1);
        System.out.printf("%d calls in bursts of %d: p50 %d ms, p99 %d ms, max %d ms; threads %d -> %d; "
                + "heap after GC %d -> %d KiB%n", latencies.size(), CONCURRENT, p50, p99,
                latencies.get(latencies.size() - 1), threadsBefore, threadsAfter, heapBefore / 1024, heapAfter / 1024);
        assertThat(latencies).hasSize(5 * CONCURRENT);
        assertThat(p99).as("p99 in ms").isLessThan(1000);
        // once every pool has served a hundred calls at once, more bursts of that size need no more threads
        // (a few spare for the JVM's and other test contexts' own housekeeping)
        assertThat(threadsAfter).isLessThanOrEqualTo(threadsBefore + 10);
        assertThat(heapAfter - heapBefore).as("heap growth in bytes").isLessThan(16L * 1024 * 1024);
    }

    /** A hundred calls of the gate tool, all inside the tool at the same time before the gate opens. */
    private void holdAHundredCallsAtOnce() throws Exception {
        CountDownLatch arrivals = new CountDownLatch(CONCURRENT);
        CountDownLatch open = new CountDownLatch(1);
        tools.gateArrivals = arrivals;
        tools.gateOpen = open;
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < CONCURRENT; i++) {
            int n = i;
            calls.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return post("gate", "{\"n\":" + n + "}");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, starters));
        }
        boolean allInside = arrivals.await(30, TimeUnit.SECONDS);
        open.countDown();
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            assertThat(call.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        assertThat(allInside).as("a hundred calls inside the tool at once").isTrue();
    }

    /** One burst of concurrent calls, released together; the client-side latency of each in ms. */
    private List<Long> burst(int round) throws Exception {
        CountDownLatch ready = new CountDownLatch(CONCURRENT);
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Long>> calls = new ArrayList<>();
        {
            for (int i = 0; i < CONCURRENT; i++) {
                int n = round * 1000 + i;
                calls.add(CompletableFuture.supplyAsync(() -> {
                    ready.countDown();
                    try {
                        go.await();
                        long start = System.nanoTime();
                        HttpResponse<String> response = post("fast", "{\"n\":" + n + "}");
                        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                        assertThat(response.statusCode()).isEqualTo(200);
                        assertThat(response.body()).isEqualTo("{\"result\":\"ok " + n + "\"}");
                        return millis;
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, starters));
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            List<Long> latencies = new ArrayList<>();
            for (CompletableFuture<Long> call : calls) {
                latencies.add(call.get(60, TimeUnit.SECONDS));
            }
            return latencies;
        }
    }

    private static long heapAfterGc(MemoryMXBean memory) throws InterruptedException {
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
            least = Math.min(least, memory.getHeapMemoryUsage().getUsed());
        }
        return least;
    }

    // ---- item 14 ------------------------------------------------------------------------------

    @Test
    void answersBadArgumentsWithASpokenErrorNamingTheParameterOrA4xxNeverA500() throws Exception {
        String valid = "{\"name\":\"Ada\",\"partySize\":4,\"day\":\"2026-11-24\",\"size\":\"SMALL\",\"wishes\":[],"
                + "\"host\":{\"name\":\"Bo\",\"age\":40}}";
        String mib = "x".repeat(1024 * 1024);
        Map<String, String> cases = new LinkedHashMap<>();
        // wrong types
        cases.put("partySize", valid.replace("\"partySize\":4", "\"partySize\":\"many\""));
        cases.put("partySize ", valid.replace("\"partySize\":4", "\"partySize\":4.5"));
        cases.put("day", valid.replace("\"day\":\"2026-11-24\"", "\"day\":20261124"));
        cases.put("size", valid.replace("\"size\":\"SMALL\"", "\"size\":\"ENORMOUS\""));
        cases.put("wishes", valid.replace("\"wishes\":[]", "\"wishes\":\"none\""));
        cases.put("host", valid.replace("\"host\":{\"name\":\"Bo\",\"age\":40}", "\"host\":\"Bo\""));
        cases.put("host.age", valid.replace("\"age\":40", "\"age\":[40]"));
        cases.put("name", valid.replace("\"name\":\"Ada\"", "\"name\":{\"first\":\"Ada\"}"));
        // missing and null
        cases.put("name ", "{}");
        cases.put("name  ", "null");
        cases.put("partySize  ", valid.replace("\"partySize\":4,", ""));
        cases.put("host.name", valid.replace("\"name\":\"Bo\",", ""));
        cases.put("day ", valid.replace("\"day\":\"2026-11-24\"", "\"day\":null"));
        cases.put("host.name ", valid.replace("\"name\":\"Bo\"", "\"name\":null"));
        // deep nesting, 10,000 levels, as an argument and as the whole body
        cases.put("wishes deep", valid.replace("\"wishes\":[]", "\"wishes\":" + "[".repeat(10_000)
                + "]".repeat(10_000)));
        cases.put("host deep", valid.replace("\"host\":{\"name\":\"Bo\",\"age\":40}", "\"host\":"
                + "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000)));
        cases.put("body deep", "[".repeat(10_000) + "]".repeat(10_000));
        // a 1 MiB string where text, a number, an enum or a date belongs, and 1 MiB of digits as a number
        cases.put("partySize mib", valid.replace("\"partySize\":4", "\"partySize\":\"" + mib + "\""));
        cases.put("size mib", valid.replace("\"size\":\"SMALL\"", "\"size\":\"" + mib + "\""));
        cases.put("day mib", valid.replace("\"day\":\"2026-11-24\"", "\"day\":\"" + mib + "\""));
        cases.put("partySize digits", valid.replace("\"partySize\":4", "\"partySize\":" + "9".repeat(1024 * 1024)));
        cases.put("body over the limit", valid.replace("\"name\":\"Ada\"", "\"name\":\"" + mib + mib + "\""));

        for (Map.Entry<String, String> attempt : cases.entrySet()) {
            String parameter = attempt.getKey().strip().split(" ")[0];
            long start = System.nanoTime();
            HttpResponse<String> response = post("book", attempt.getValue());
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            String what = attempt.getKey() + " -> " + response.statusCode() + " "
                    + response.body().substring(0, Math.min(300, response.body().length()));

            assertThat(took).as(what).isLessThan(Duration.ofSeconds(5));
            assertThat(response.statusCode()).as(what).isLessThan(500);
            if (response.statusCode() == 200) {
                String result = FonellaJson.mapper().readTree(response.body()).get("result").asString();
                assertThat(result).as(what).startsWith("The argument '" + parameter + "'");
            } else {
                assertThat(response.statusCode()).as(what).isBetween(400, 499);
                assertThat(response.headers().firstValue("Content-Type").orElse("")).as(what)
                        .startsWith("application/problem+json");
            }
        }
    }

    @Test
    void namesExtraArgumentsAndTakesAMebibyteOfTextInStride() throws Exception {
        String valid = "{\"name\":\"Ada\",\"partySize\":4,\"day\":\"2026-11-24\",\"size\":\"SMALL\",\"wishes\":[\"window\"],"
                + "\"host\":{\"name\":\"Bo\",\"age\":40}";
        // an extra argument is refused by name, as the schema (additionalProperties: false) refuses it
        HttpResponse<String> extra = post("book", valid + ",\"unexpected\":[1,2,3]}");
        assertThat(extra.statusCode()).isEqualTo(200);
        assertThat(extra.body()).contains("The argument 'unexpected' is not known here");
        // a mebibyte of text is text
        HttpResponse<String> big = post("book", valid + ",\"note\":\"" + "x".repeat(1024 * 1024) + "\"}");
        assertThat(big.statusCode()).isEqualTo(200);
        assertThat(big.body()).contains("1048576 characters of notes");
    }

    @Test
    void answersBadQueryArgumentsOfAGetToolTheSameWay() throws Exception {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("radius", "guest=" + encode("{\"name\":\"Ada\",\"age\":3}") + "&radius=far");
        cases.put("radius ", "guest=" + encode("{\"name\":\"Ada\",\"age\":3}") + "&radius=1.5");
        cases.put("guest", "radius=3");
        cases.put("guest ", "guest=" + encode("{\"name\":") + "&radius=3");
        cases.put("guest  ", "guest=" + encode("[".repeat(1000) + "]".repeat(1000)) + "&radius=3");
        cases.put("guest.age", "guest=" + encode("{\"name\":\"Ada\",\"age\":\"old\"}") + "&radius=3");
        for (Map.Entry<String, String> attempt : cases.entrySet()) {
            HttpResponse<String> response = get("near?" + attempt.getValue());
            String what = attempt.getKey() + " -> " + response.statusCode() + " " + response.body();

            assertThat(response.statusCode()).as(what).isEqualTo(200);
            assertThat(FonellaJson.mapper().readTree(response.body()).get("result").asString()).as(what)
                    .startsWith("The argument '" + attempt.getKey().strip() + "'");
        }
        // a request line past the server's limit is refused by the server itself, with a 4xx
        HttpResponse<String> huge = get("near?radius=3&guest=" + "x".repeat(1024 * 1024));
        assertThat(huge.statusCode()).isBetween(400, 499);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private HttpResponse<String> post(String tool, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/fonella/tools/" + tool))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("X-Fonella-Tool-Secret", secrets.toolSecret().orElseThrow())
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/fonella/tools/"
                        + pathAndQuery))
                .timeout(Duration.ofSeconds(30))
                .header("X-Fonella-Tool-Secret", secrets.toolSecret().orElseThrow())
                .GET()
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
