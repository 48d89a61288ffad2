package ai.fonella.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.fonella.client.FonellaClient;
import ai.fonella.client.FonellaIoException;
import ai.fonella.client.FonellaRateLimitException;
import ai.fonella.client.FonellaServerException;
import ai.fonella.client.RetryPolicy;
import ai.fonella.support.Secrets;
import ai.fonella.model.CreateToolRequest;
import ai.fonella.model.Tool;
import ai.fonella.model.UpdateToolRequest;
import ai.fonella.test.support.MutableClock;
import ai.fonella.test.support.RecordingSleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client's retries, with the waits asserted exactly: fixed clock, recording sleeper, no jitter. */
@FonellaEmulatorTest
class RetryIT {

    private static final Instant NOW = Instant.parse("2026-11-24T10:15:30Z");
    private static final RetryPolicy POLICY = new RetryPolicy(3, Duration.ofMillis(500), Duration.ofSeconds(8), 2.0,
            0.0, Duration.ofSeconds(30));

    private final FonellaEmulator emulator;
    private EmulatorAccount account;
    private RecordingSleeper sleeper;
    private FonellaClient client;

    RetryIT(FonellaEmulator emulator) {
        this.emulator = emulator;
    }

    @BeforeEach
    void newAccount() {
        account = emulator.newAccount();
        sleeper = new RecordingSleeper();
        client = emulator.clientBuilder(account.apiKey()).retryPolicy(POLICY)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).sleeper(sleeper).build();
    }

    @AfterEach
    void clearFaults() {
        emulator.faults().clear();
        if (!emulator.isRunning()) {
            emulator.restart();
        }
    }

    @Test
    void getIsRetriedOn503WithExponentialWaits() {
        emulator.faults().failNext(2, 503, "GET", "/v1/tools");

        assertThat(client.tools().list()).isEmpty();

        assertThat(sleeper.waits()).containsExactly(Duration.ofMillis(500), Duration.ofMillis(1000));
        assertThat(statuses("GET", "/v1/tools")).containsExactly(503, 503, 200);
    }

    @Test
    void getHonoursRetryAfterOn503() {
        emulator.faults().inject(Fault.status(503).retryAfter(Duration.ofSeconds(3)));

        client.calls().list();

        assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(3));
        assertThat(statuses("GET", "/v1/calls")).containsExactly(503, 200);
    }

    @Test
    void getHonoursRetryAfterOn429() {
        emulator.faults().rateLimitNext(2, Duration.ofSeconds(2));

        client.webhooks().list();

        assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2));
        assertThat(statuses("GET", "/v1/webhooks")).containsExactly(429, 429, 200);
    }

    @Test
    void retriesOn502And504AndRetriesPatchAndDelete() {
        Tool tool = client.tools().create(tool());
        emulator.faults().failNext(1, 502, "PATCH", "/v1/tools").failNext(1, 504, "DELETE", "/v1/tools");

        client.tools().update(tool.toolId(), UpdateToolRequest.builder().description("changed").build());
        client.tools().delete(tool.toolId());

        assertThat(sleeper.waits()).containsExactly(Duration.ofMillis(500), Duration.ofMillis(500));
        assertThat(statuses("PATCH", "/v1/tools/" + tool.toolId())).containsExactly(502, 200);
        assertThat(statuses("DELETE", "/v1/tools/" + tool.toolId())).containsExactly(504, 200);
    }

    @Test
    void postIsNeverRetried() {
        emulator.faults().failNext(3, 503, "POST", "/v1/tools");

        assertThatThrownBy(() -> client.tools().create(tool())).isInstanceOf(FonellaServerException.class);

        assertThat(sleeper.waits()).isEmpty();
        assertThat(statuses("POST", "/v1/tools")).containsExactly(503);
        emulator.faults().clear();
        assertThat(client.tools().list()).isEmpty();
    }

    @Test
    void clientErrorsAreNotRetried() {
        emulator.faults().failNext(1, 500, "GET", "/v1/tools");

        assertThatThrownBy(() -> client.tools().list()).isInstanceOf(FonellaServerException.class);

        assertThat(sleeper.waits()).isEmpty();
        assertThat(statuses("GET", "/v1/tools")).containsExactly(500);
    }

    @Test
    void retriesAreBoundedByMaxRetries() {
        emulator.faults().failNext(10, 503, "GET", "/v1/tools");

        assertThatThrownBy(() -> client.tools().list())
                .isInstanceOfSatisfying(FonellaServerException.class, e -> assertThat(e.statusCode()).isEqualTo(503));

        assertThat(sleeper.waits()).containsExactly(Duration.ofMillis(500), Duration.ofMillis(1000),
                Duration.ofMillis(2000));
        assertThat(statuses("GET", "/v1/tools")).hasSize(4);
    }

    @Test
    void retriesAreBoundedByMaxElapsed() {
        MutableClock clock = new MutableClock(NOW);
        RecordingSleeper advancing = new RecordingSleeper(clock);
        FonellaClient bounded = emulator.clientBuilder(account.apiKey()).clock(clock).sleeper(advancing)
                .retryPolicy(new RetryPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(8), 2.0, 0.0,
                        Duration.ofMillis(1200)))
                .build();
        emulator.faults().failNext(10, 503, "GET", "/v1/tools");

        assertThatThrownBy(() -> bounded.tools().list()).isInstanceOf(FonellaServerException.class);

        // 500 ms fits into 1.2 s; 500 + 1000 ms would not.
        assertThat(advancing.waits()).containsExactly(Duration.ofMillis(500));
        assertThat(statuses("GET", "/v1/tools")).hasSize(2);
    }

    @Test
    void retryAfterBeyondMaxElapsedIsNotAwaited() {
        emulator.faults().inject(Fault.status(429).times(5).retryAfter(Duration.ofSeconds(60)));

        assertThatThrownBy(() -> client.tools().list())
                .isInstanceOfSatisfying(FonellaRateLimitException.class,
                        e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(60)));

        assertThat(sleeper.waits()).isEmpty();
        assertThat(statuses("GET", "/v1/tools")).hasSize(1);
    }

    @Test
    void jitterComesFromTheInjectedRandom() {
        FonellaClient jittery = emulator.clientBuilder(account.apiKey()).sleeper(sleeper)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .retryPolicy(new RetryPolicy(2, Duration.ofMillis(1000), Duration.ofSeconds(8), 2.0, 0.5,
                        Duration.ofSeconds(30)))
                .random(() -> 0L) // nextDouble() == 0.0: the lowest spread, 1 - jitter
                .build();
        emulator.faults().failNext(2, 503, "GET", "/v1/tools");

        jittery.tools().list();

        assertThat(sleeper.waits()).containsExactly(Duration.ofMillis(500), Duration.ofMillis(1000));
    }

    @Test
    void ioFailuresOfGetAreRetriedThenReported() {
        emulator.stop();

        assertThatThrownBy(() -> client.calls().list()).isInstanceOf(FonellaIoException.class);

        assertThat(sleeper.waits()).containsExactly(Duration.ofMillis(500), Duration.ofMillis(1000),
                Duration.ofMillis(2000));
    }

    @Test
    void ioFailureOfPostIsNotRetried() {
        emulator.stop();

        assertThatThrownBy(() -> client.tools().create(tool())).isInstanceOf(FonellaIoException.class);

        assertThat(sleeper.waits()).isEmpty();
    }

    private static CreateToolRequest tool() {
        return CreateToolRequest.builder().name("lookupOrder").description("Looks up an order")
                .url("https://shop.example.com/tools/lookupOrder").build();
    }

    /** The statuses answered to this test's account for one method and path, oldest first. */
    private List<Integer> statuses(String method, String path) {
        String prefix = Secrets.apiKeyPrefix(account.apiKey());
        return emulator.requests().stream()
                .filter(r -> r.is(method, path) && prefix.equals(r.apiKeyPrefix()))
                .map(RecordedRequest::status)
                .toList();
    }
}
