package ai.fonella.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FaultTests {

    @Test
    void matchesMethodAndPathAndEverythingBelowThePath() {
        Fault fault = Fault.status(503).on("get", "/v1/tools");

        assertThat(fault.matches("GET", "/v1/tools")).isTrue();
        assertThat(fault.matches("GET", "/v1/tools/abc")).isTrue();
        assertThat(fault.matches("GET", "/v1/toolsets")).isFalse();
        assertThat(fault.matches("POST", "/v1/tools")).isFalse();
        assertThat(Fault.status(500).matches("DELETE", "/v1/anything")).isTrue();
    }

    @Test
    void answersTheErrorBodyWithACodeForTheStatusAndRetryAfterInSeconds() {
        ApiResponse response = Fault.status(429).retryAfter(Duration.ofMillis(2500)).response();

        assertThat(response.status()).isEqualTo(429);
        assertThat(response.headers()).containsEntry("Retry-After", "2");
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).startsWith(
                "{\"success\":false,\"error\":{\"code\":\"rate_limited\",");
        assertThat(new String(Fault.status(503).response().body(), StandardCharsets.UTF_8))
                .contains("service_unavailable");
    }

    @Test
    void answersAGivenBodyVerbatim() {
        ApiResponse response = Fault.status(502).body("text/html", "<html/>").response();

        assertThat(response.contentType()).isEqualTo("text/html");
        assertThat(response.body()).isEqualTo("<html/>".getBytes(StandardCharsets.UTF_8));
        assertThat(Fault.status(500).body(null, "").response().body()).isEmpty();
    }

    @Test
    void faultsAreUsedUpInOrder() {
        Faults faults = new Faults().failNext(2, 503, "GET", "/v1/calls").failNext(1, 500);

        assertThat(faults.pending()).isEqualTo(3);
        assertThat(faults.take("POST", "/v1/tools")).map(Fault::status).contains(500);
        assertThat(faults.take("POST", "/v1/tools")).isEmpty();
        assertThat(faults.take("GET", "/v1/calls")).map(Fault::status).contains(503);
        assertThat(faults.take("GET", "/v1/calls")).map(Fault::status).contains(503);
        assertThat(faults.pending()).isZero();
    }

    @Test
    void rejectsImpossibleFaults() {
        assertThatThrownBy(() -> Fault.status(99)).hasMessageContaining("between 100 and 599");
        assertThatThrownBy(() -> Fault.status(500).times(0)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> new Faults().latency(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void failsTheNextDeliveriesToOneSubscriptionOnlyAndCountsThemAsPending() {
        Faults faults = new Faults().failNextDeliveries("wh_1", 2);

        assertThat(faults.pendingDeliveryFailures("wh_1")).isEqualTo(2);
        assertThat(faults.pending()).isEqualTo(2);
        assertThat(faults.takeDeliveryFailure("wh_2")).isFalse();
        assertThat(faults.takeDeliveryFailure("wh_1")).isTrue();
        assertThat(faults.takeDeliveryFailure("wh_1")).isTrue();
        assertThat(faults.takeDeliveryFailure("wh_1")).isFalse();
        faults.failNextDeliveries("wh_1", 1).clear();
        assertThat(faults.pending()).isZero();
        assertThatThrownBy(() -> faults.failNextDeliveries("wh_1", 0)).hasMessageContaining("at least 1");
    }
}
