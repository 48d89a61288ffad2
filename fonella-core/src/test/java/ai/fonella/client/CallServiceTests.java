package ai.fonella.client;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.fonella.InvalidRequestException;
import ai.fonella.model.ListCallsParams;
import org.junit.jupiter.api.Test;

/** Checks of {@link CallService} that happen before anything is sent. */
class CallServiceTests {

    /** Port 9 (discard) on loopback: nothing is listening, and nothing may be sent anyway. */
    private final FonellaClient client = FonellaClient.builder().baseUrl("http://127.0.0.1:9")
            .apiKey("fon_live_unit0000000000000000000000").retryPolicy(RetryPolicy.NONE).build();

    @Test
    void streamRejectsALimitOutsideOneToHundredAtOnce() {
        assertThatThrownBy(() -> client.calls().stream(ListCallsParams.limit(0)))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> org.assertj.core.api.Assertions.assertThat(e.field()).isEqualTo("limit"));
        assertThatThrownBy(() -> client.calls().stream(ListCallsParams.limit(101)))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void iterateAndListRejectALimitOutsideOneToHundredAtOnce() {
        assertThatThrownBy(() -> client.calls().iterate(ListCallsParams.limit(0)))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> client.calls().list(ListCallsParams.limit(101)))
                .isInstanceOf(InvalidRequestException.class);
    }
}
