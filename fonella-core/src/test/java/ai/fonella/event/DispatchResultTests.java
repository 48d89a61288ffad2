package ai.fonella.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.fonella.event.HandlerOutcome.Status;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DispatchResultTests {

    private static final FonellaEvent EVENT = new CallStartedEvent("evt_1", null, null, null);
    private static final HandlerOutcome SUCCEEDED = outcome("a", Status.SUCCEEDED);
    private static final HandlerOutcome DUPLICATE = outcome("b", Status.SKIPPED_DUPLICATE);
    private static final HandlerOutcome IN_PROGRESS = outcome("c", Status.SKIPPED_IN_PROGRESS);
    private static final HandlerOutcome FAILED =
            new HandlerOutcome("d", Status.FAILED, new IllegalStateException("x"), Duration.ofMillis(3));

    @Test
    void answers200WhenEveryHandlerIsDoneOrNoneApplies() {
        assertThat(new DispatchResult(EVENT, List.of()).httpStatus()).isEqualTo(200);
        assertThat(new DispatchResult(EVENT, List.of(SUCCEEDED, DUPLICATE)).httpStatus()).isEqualTo(200);
        assertThat(new DispatchResult(EVENT, List.of(SUCCEEDED, DUPLICATE)).isSuccess()).isTrue();
    }

    @Test
    void answers500WhenAnyHandlerFailedEvenIfAnotherIsInProgress() {
        DispatchResult result = new DispatchResult(EVENT, List.of(SUCCEEDED, IN_PROGRESS, FAILED));

        assertThat(result.httpStatus()).isEqualTo(500);
        assertThat(result.isSuccess()).isFalse();
        assertThat(result.failures()).containsExactly(FAILED);
    }

    @Test
    void answers503WhenAHandlerIsStillRunningForAConcurrentDelivery() {
        DispatchResult result = new DispatchResult(EVENT, List.of(SUCCEEDED, IN_PROGRESS));

        assertThat(result.httpStatus()).isEqualTo(503);
        assertThat(result.isSuccess()).isFalse();
        assertThat(result.failures()).isEmpty();
    }

    @Test
    void requiresAnErrorForFailuresAndOnlyForFailures() {
        assertThatThrownBy(() -> new HandlerOutcome("a", Status.FAILED, null, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HandlerOutcome("a", Status.SUCCEEDED, new RuntimeException(), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static HandlerOutcome outcome(String id, Status status) {
        return new HandlerOutcome(id, status, null, Duration.ZERO);
    }
}
