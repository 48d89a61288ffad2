package ai.fonella.event;

import java.time.Duration;
import java.util.Objects;

/**
 * What one handler did with one delivery.
 *
 * @param handlerId the handler id
 * @param status what happened
 * @param error what the handler threw when {@link Status#FAILED}, what the deduplication store
 *     threw when {@link Status#STORE_UNAVAILABLE}, else {@code null}
 * @param duration how long the handler ran; zero when it did not run
 */
public record HandlerOutcome(String handlerId, Status status, Throwable error, Duration duration) {

    /** What happened to a handler. */
    public enum Status {
        /** The handler ran and returned normally. */
        SUCCEEDED,
        /**
         * The handler ran and threw; the claim was released so a redelivery runs it again.
         */
        FAILED,
        /**
         * Not run: the deduplication store could not be reached to claim the handler, or to learn
         * whether a concurrent delivery on another instance finished it. No handler runs without its
         * claim, so the delivery is answered 503 with {@code Retry-After} and a redelivery runs it
         * once the store is back.
         */
        STORE_UNAVAILABLE,
        /**
         * Not run: an earlier or concurrent delivery of the same event already ran this handler
         * successfully.
         */
        SKIPPED_DUPLICATE,
        /**
         * Not run: a concurrent delivery of the same event was running this handler and had not
         * succeeded by the end of the wait (still running, or failed). A redelivery will run it,
         * unless that delivery has succeeded meanwhile.
         */
        SKIPPED_IN_PROGRESS
    }

    /** Validates. */
    public HandlerOutcome {
        Objects.requireNonNull(handlerId, "handlerId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(duration, "duration");
        boolean needsError = status == Status.FAILED || status == Status.STORE_UNAVAILABLE;
        if (needsError != (error != null)) {
            throw new IllegalArgumentException("error is required for FAILED and STORE_UNAVAILABLE, and only for them");
        }
    }

    /**
     * Whether the handler's work for this event is done: it succeeded now or earlier.
     *
     * @return {@code true} for {@link Status#SUCCEEDED} and {@link Status#SKIPPED_DUPLICATE}
     */
    public boolean done() {
        return status == Status.SUCCEEDED || status == Status.SKIPPED_DUPLICATE;
    }
}
