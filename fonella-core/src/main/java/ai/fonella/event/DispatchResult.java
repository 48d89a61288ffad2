package ai.fonella.event;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an {@link EventDispatcher} did with one delivery: one {@link HandlerOutcome} per handler
 * registered for the event's type, in registration order.
 *
 * <p>The HTTP layer answers with {@link #httpStatus()}: {@code 200} when every handler's work is
 * done (or no handler applies), so Fonella does not redeliver; otherwise an error status, so
 * Fonella redelivers and only the handlers that are not done run again.
 *
 * @param event the dispatched event
 * @param outcomes one per applicable handler; empty when none applies
 */
public record DispatchResult(FonellaEvent event, List<HandlerOutcome> outcomes) {

    /** The answer when every handler's work is done. */
    public static final int STATUS_OK = 200;

    /** The answer when a handler failed. */
    public static final int STATUS_HANDLER_FAILED = 500;

    /**
     * The answer when no handler failed but one is still running for a concurrent delivery, or the
     * deduplication store cannot be reached.
     */
    public static final int STATUS_IN_PROGRESS = 503;

    /**
     * How long to ask Fonella to wait ({@code Retry-After}) before redelivering while the
     * deduplication store cannot be reached: long enough not to hammer a store that is restarting,
     * short enough that deliveries resume soon after it is back.
     */
    public static final Duration STORE_UNAVAILABLE_RETRY_AFTER = Duration.ofSeconds(5);

    /** Validates and copies. */
    public DispatchResult {
        Objects.requireNonNull(event, "event");
        outcomes = List.copyOf(outcomes);
    }

    /**
     * Whether every applicable handler's work is done (succeeded now or on an earlier delivery).
     *
     * @return {@code true} when Fonella need not redeliver
     */
    public boolean isSuccess() {
        for (HandlerOutcome outcome : outcomes) {
            if (!outcome.done()) {
                return false;
            }
        }
        return true;
    }

    /**
     * The HTTP status to answer the delivery with: {@value #STATUS_OK} on {@linkplain #isSuccess()
     * success}, {@value #STATUS_HANDLER_FAILED} when a handler failed, else
     * {@value #STATUS_IN_PROGRESS} (a concurrent delivery is still running a handler, or the
     * deduplication store cannot be reached). Fonella retries any non-2xx answer.
     *
     * @return the status code
     */
    public int httpStatus() {
        boolean inProgress = false;
        for (HandlerOutcome outcome : outcomes) {
            if (outcome.status() == HandlerOutcome.Status.FAILED) {
                return STATUS_HANDLER_FAILED;
            }
            inProgress |= outcome.status() == HandlerOutcome.Status.SKIPPED_IN_PROGRESS
                    || outcome.status() == HandlerOutcome.Status.STORE_UNAVAILABLE;
        }
        return inProgress ? STATUS_IN_PROGRESS : STATUS_OK;
    }

    /**
     * Whether a handler was not run because the deduplication store could not be reached.
     *
     * @return {@code true} when some outcome is {@link HandlerOutcome.Status#STORE_UNAVAILABLE}
     */
    public boolean isStoreUnavailable() {
        return outcomes.stream().anyMatch(outcome -> outcome.status() == HandlerOutcome.Status.STORE_UNAVAILABLE);
    }

    /**
     * How long Fonella should wait before redelivering, for a {@code Retry-After} header: present
     * when the answer is {@value #STATUS_IN_PROGRESS} because the deduplication store cannot be
     * reached.
     *
     * @return {@link #STORE_UNAVAILABLE_RETRY_AFTER}, or empty
     */
    public Optional<Duration> retryAfter() {
        return httpStatus() == STATUS_IN_PROGRESS && isStoreUnavailable()
                ? Optional.of(STORE_UNAVAILABLE_RETRY_AFTER) : Optional.empty();
    }

    /**
     * The outcomes of handlers that failed.
     *
     * @return the failed outcomes, empty when none failed
     */
    public List<HandlerOutcome> failures() {
        return outcomes.stream().filter(outcome -> outcome.status() == HandlerOutcome.Status.FAILED).toList();
    }
}
