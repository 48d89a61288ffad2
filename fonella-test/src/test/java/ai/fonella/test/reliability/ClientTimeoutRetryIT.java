package ai.fonella.test.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.fonella.client.FonellaClient;
import ai.fonella.client.FonellaIoException;
import ai.fonella.client.RetryPolicy;
import ai.fonella.model.CreateToolRequest;
import ai.fonella.test.FonellaEmulator;
import ai.fonella.test.FonellaEmulatorTest;
import ai.fonella.test.support.RecordingSleeper;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 8, item 15 (the client's part): an API slower than the client's request timeout. A safe
 * request is retried as the policy says and then fails, in bounded time; a {@code POST} is not
 * retried. (Retries on 429 with {@code Retry-After}, on 5xx and on refused connections, and their
 * bounds, are in {@code RetryIT}.)
 */
@FonellaEmulatorTest
class ClientTimeoutRetryIT {

    private static final Duration TIMEOUT = Duration.ofMillis(200);
    private static final RetryPolicy POLICY = new RetryPolicy(3, Duration.ofMillis(500), Duration.ofSeconds(8), 2.0,
            0.0, Duration.ofSeconds(30));

    private final FonellaEmulator emulator;

    ClientTimeoutRetryIT(FonellaEmulator emulator) {
        this.emulator = emulator;
    }

    @AfterEach
    void clearFaults() {
        emulator.faults().clear();
    }

    @Test
    void retriesAGetThatTimesOutAsThePolicySaysThenFails() {
        RecordingSleeper sleeper = new RecordingSleeper();
        FonellaClient client = emulator.clientBuilder(emulator.apiKey()).requestTimeout(TIMEOUT).retryPolicy(POLICY)
                .sleeper(sleeper).build();
        emulator.faults().latency(Duration.ofSeconds(1));
        long start = System.nanoTime();

        assertThatThrownBy(() -> client.tools().list()).isInstanceOf(FonellaIoException.class)
                .hasMessageContaining("GET /v1/tools");

        assertThat(sleeper.waits()).containsExactly(Duration.ofMillis(500), Duration.ofMillis(1000),
                Duration.ofMillis(2000));
        // four attempts of at most the request timeout each (the waits were only recorded)
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.multipliedBy(4).plusSeconds(2));
    }

    @Test
    void givesUpWithinTheRetryBudgetWhenItReallyWaits() {
        FonellaClient client = emulator.clientBuilder(emulator.apiKey()).requestTimeout(TIMEOUT)
                .retryPolicy(RetryPolicy.DEFAULT).build();
        emulator.faults().latency(Duration.ofSeconds(2));
        long start = System.nanoTime();

        assertThatThrownBy(() -> client.calls().list()).isInstanceOf(FonellaIoException.class);

        // three attempts of 200 ms and two waits of 500 ms and 1 s, each at most 25 % longer
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(3 * 200 + 1875 + 2000));
    }

    @Test
    void doesNotRetryAPostThatTimesOut() {
        RecordingSleeper sleeper = new RecordingSleeper();
        FonellaClient client = emulator.clientBuilder(emulator.apiKey()).requestTimeout(TIMEOUT).retryPolicy(POLICY)
                .sleeper(sleeper).build();
        emulator.faults().latency(Duration.ofSeconds(1));

        assertThatThrownBy(() -> client.tools().create(CreateToolRequest.builder().name("lookupOrder")
                .description("Looks up an order").url("https://shop.example.test/fonella/tools/lookupOrder").build()))
                .isInstanceOf(FonellaIoException.class);

        assertThat(sleeper.waits()).isEmpty();
    }
}
