package ai.fonella.spring.boot.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.fonella.model.EventType;
import ai.fonella.spring.boot.registry.FonellaSecrets;
import ai.fonella.spring.boot.test.FonellaTestClient;
import ai.fonella.test.BulkDelivery;
import ai.fonella.test.FonellaEmulator;
import ai.fonella.test.RecordedDelivery;
import ai.fonella.webhook.SignatureScheme;
import ai.fonella.webhook.WebhookSigner;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 8, items 9 and 10: duplicate deliveries run each handler once and are all acknowledged; a
 * handler that fails makes the delivery fail (so the platform retries), the retry runs only what has
 * not succeeded yet.
 */
@ReliabilityAppTest
class ExactlyOnceIT {

    @LocalServerPort
    int port;

    @Autowired
    FonellaSecrets secrets;

    @Autowired
    FonellaTestClient fonella;

    @Autowired
    FonellaEmulator emulator;

    @Autowired
    ProbeHandlers handlers;

    @AfterEach
    void release() {
        handlers.endedHoldMillis = 0;
    }

    @Test
    void runsTheHandlerOnceForTheSameWebhookDeliveredTwice() {
        String body = FonellaTestClient.event(EventType.CALL_ENDED, Map.of("call", Map.of("id", "twice")));
        String id = ai.fonella.support.FonellaJson.mapper().readTree(body).get("id").asString();

        FonellaTestClient.Response first = fonella.sendWebhook(body);
        FonellaTestClient.Response second = fonella.sendWebhook(body);

        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.body()).contains("skipped_duplicate");
        assertThat(handlers.endedRuns.get(id)).hasValue(1);
    }

    @Test
    void runsTheHandlerOnceForTheSameEventRedeliveredByThePlatform() {
        BulkDelivery delivery = emulator.deliverEvents(emulator.defaultAccount(), EventType.CALL_ENDED, 1, 1);
        String id = delivery.eventIds().get(0);

        List<RecordedDelivery> again = emulator.redeliver(id);

        assertThat(delivery.delivered()).isEqualTo(1);
        assertThat(again).singleElement().satisfies(attempt -> assertThat(attempt.status()).isEqualTo(200));
        assertThat(handlers.endedRuns.get(id)).hasValue(1);
    }

    @Test
    void runsTheHandlerOnceForAHundredIdenticalDeliveriesAtOnceAndAcknowledgesThemAll() throws Exception {
        // the handler takes a while, so the other 99 arrive while the first is running it
        handlers.endedHoldMillis = 300;
        String body = FonellaTestClient.event(EventType.CALL_ENDED, Map.of("call", Map.of("id", "hundred")));
        String id = ai.fonella.support.FonellaJson.mapper().readTree(body).get("id").asString();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Map<String, String> signature = WebhookSigner.of(SignatureScheme.FONELLA, secrets.webhookSecrets().get(0))
                .sign(id, Instant.now(), bytes);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ExecutorService senders = Executors.newFixedThreadPool(100);
        try {
            CountDownLatch ready = new CountDownLatch(100);
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                answers.add(CompletableFuture.supplyAsync(() -> {
                    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                                    + "/fonella/webhooks"))
                            .timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
                    signature.forEach(request::header);
                    ready.countDown();
                    try {
                        go.await();
                        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, senders));
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (CompletableFuture<HttpResponse<String>> answer : answers) {
                statuses.add(answer.get(60, TimeUnit.SECONDS).statusCode());
            }

            assertThat(statuses).hasSize(100).allSatisfy(status -> assertThat(status).isBetween(200, 299));
            assertThat(handlers.endedRuns.get(id)).hasValue(1);
        } finally {
            senders.shutdownNow();
        }
    }

    @Test
    void answers5xxWhenAHandlerFailsAndOnRetryRunsOnlyTheHandlerThatFailed() {
        String body = FonellaTestClient.event(EventType.CALL_FAILED, Map.of("call", Map.of("id", "flaky"),
                "error", "line dropped"));
        String id = ai.fonella.support.FonellaJson.mapper().readTree(body).get("id").asString();

        FonellaTestClient.Response first = fonella.sendWebhook(body);

        assertThat(first.status()).isBetween(500, 599);
        assertThat(first.contentType()).startsWith("application/problem+json");
        assertThat(handlers.flakyAttempts.get(id)).hasValue(1);
        assertThat(handlers.flakyEffects).doesNotContainKey(id);
        assertThat(handlers.steadyRuns.get(id)).hasValue(1);

        FonellaTestClient.Response retry = fonella.sendWebhook(body);

        assertThat(retry.status()).isBetween(200, 299);
        assertThat(handlers.flakyAttempts.get(id)).hasValue(2);
        assertThat(handlers.flakyEffects.get(id)).hasValue(1);
        assertThat(handlers.steadyRuns.get(id)).as("the handler that succeeded the first time").hasValue(1);

        FonellaTestClient.Response third = fonella.sendWebhook(body);

        assertThat(third.status()).isEqualTo(200);
        assertThat(handlers.flakyEffects.get(id)).hasValue(1);
        assertThat(handlers.steadyRuns.get(id)).hasValue(1);
    }

    @Test
    void letsThePlatformsOwnRetryCompleteAFailedDelivery() {
        BulkDelivery delivery = emulator.deliverEvents(emulator.defaultAccount(), EventType.CALL_FAILED, 1, 1);
        String id = delivery.eventIds().get(0);

        List<RecordedDelivery> attempts = emulator.deliveries().stream()
                .filter(attempt -> attempt.eventId().equals(id)).toList();

        assertThat(delivery.delivered()).isEqualTo(1);
        assertThat(attempts).extracting(RecordedDelivery::attempt, RecordedDelivery::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1, 500), org.assertj.core.groups.Tuple.tuple(2, 200));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(handlers.flakyEffects.get(id)).hasValue(1));
        assertThat(handlers.steadyRuns.get(id)).hasValue(1);
    }
}
