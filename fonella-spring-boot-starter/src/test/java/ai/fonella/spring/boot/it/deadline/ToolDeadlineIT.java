package ai.fonella.spring.boot.it.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import ai.fonella.tool.FonellaTool;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

/**
 * Tools run on the request thread (servlet async plus {@code ToolInvoker.invokeInline}), and the
 * deadline still holds over real HTTP: a handler that ignores interrupts is answered with the
 * fallback on time, from the invoker's watchdog thread; asynchronous and fast tools answer normally,
 * also many at once.
 */
@SpringBootTest(classes = ToolDeadlineIT.App.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"fonella.tools.secret=deadline-secret", "fonella.tools.fallback-result=Still working on it."})
class ToolDeadlineIT {

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void answersAHandlerThatIgnoresInterruptsWithTheFallbackWithinItsDeadline() throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = call("stubborn", "{}");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"result\":\"Still working on it.\"}");
        assertThat(took).isLessThan(Duration.ofMillis(300 + 700)); // the handler spins for 2 s
        // the connection is usable again once the handler has returned
        assertThat(call("echo", "{\"text\":\"after\"}").body()).isEqualTo("{\"result\":\"after\"}");
    }

    @Test
    void runsTheHandlerOnTheRequestThread() throws Exception {
        assertThat(call("thread", "{}").body()).startsWith("{\"result\":\"http-nio-");
    }

    @Test
    void waitsForAToolThatAnswersWithACompletionStage() throws Exception {
        assertThat(call("later", "{\"text\":\"hi\"}").body()).isEqualTo("{\"result\":\"later: hi\"}");
    }

    @Test
    void answersASlowCompletionStageWithTheFallback() throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = call("never", "{}");
        assertThat(response.body()).isEqualTo("{\"result\":\"Still working on it.\"}");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(300 + 700));
    }

    @Test
    void answersManyConcurrentCallsEachWithItsOwnResult() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            responses.add(http.sendAsync(request("echo", "{\"text\":\"n" + i + "\"}"),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (int i = 0; i < responses.size(); i++) {
            HttpResponse<String> response = responses.get(i).get(30, TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("{\"result\":\"n" + i + "\"}");
        }
    }

    private HttpResponse<String> call(String tool, String json) throws Exception {
        return http.send(request(tool, json), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(String tool, String json) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/fonella/tools/" + tool))
                .header("Content-Type", "application/json")
                .header("X-Fonella-Tool-Secret", "deadline-secret")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    /** Tools with deadlines of 300 ms. */
    public static class DeadlineTools {

        @FonellaTool(description = "Echo the text back")
        public String echo(String text) {
            return text;
        }

        @FonellaTool(description = "Names the thread it runs on")
        public String thread() {
            return Thread.currentThread().getName();
        }

        @FonellaTool(description = "Spins for two seconds, ignoring interrupts", timeout = "300ms")
        public String stubborn() {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            return "too late";
        }

        @FonellaTool(description = "Answers a little later", timeout = "300ms")
        public CompletionStage<String> later(String text) {
            return CompletableFuture.supplyAsync(() -> "later: " + text,
                    CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS));
        }

        @FonellaTool(description = "Never answers", timeout = "300ms")
        public CompletionStage<String> never() {
            return new CompletableFuture<>();
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
        @Bean
        DeadlineTools deadlineTools() {
            return new DeadlineTools();
        }
    }
}
