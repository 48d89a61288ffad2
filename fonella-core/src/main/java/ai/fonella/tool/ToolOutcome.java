package ai.fonella.tool;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of one tool invocation: the text to send back to Fonella as {@code {"result": "..."}}
 * (always present, also for failures, so the assistant has something to say), how it ended, and how
 * long it took. For the HTTP layer and for metrics.
 *
 * @param toolName the tool's name
 * @param result the text for the assistant, never {@code null}
 * @param status how the invocation ended
 * @param duration from the start of binding to the outcome
 * @param error the failure behind an {@link Status#ERROR}, {@link Status#BAD_ARGUMENTS} or
 *     {@link Status#TIMEOUT} outcome, or {@code null} (a {@link ToolResult#failure(String)} has none)
 */
public record ToolOutcome(String toolName, String result, Status status, Duration duration, Throwable error) {

    /** Requires name, result, status and duration. */
    public ToolOutcome {
        Objects.requireNonNull(toolName, "toolName");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(duration, "duration");
    }

    /** How an invocation ended. */
    public enum Status {

        /** The method returned; the result is its converted return value. */
        SUCCESS,

        /**
         * The method threw (the result is a {@link ToolResultException}'s message or the generic
         * error text) or returned {@link ToolResult#failure(String)}.
         */
        ERROR,

        /** The deadline passed first; the result is the fallback text and the handler was interrupted. */
        TIMEOUT,

        /** The arguments could not be bound; the result names the offending argument. */
        BAD_ARGUMENTS
    }

    /**
     * Whether the invocation succeeded.
     *
     * @return {@code true} for {@link Status#SUCCESS}
     */
    public boolean isSuccess() {
        return status == Status.SUCCESS;
    }

    /**
     * The failure, if any.
     *
     * @return the exception behind a failed outcome
     */
    public Optional<Throwable> findError() {
        return Optional.ofNullable(error);
    }
}
