package ai.fonella.tool;

import java.time.Duration;

/**
 * Decides what the assistant is told when a tool invocation fails. Each method receives the default
 * text and returns the text to send; override only what you want to change. The invoker logs every
 * failure itself, whatever the policy returns. A policy that throws or returns {@code null} or blank
 * text is ignored for that invocation (the default text is sent, and a warning logged).
 *
 * <pre>{@code
 * ToolErrorPolicy policy = new ToolErrorPolicy() {
 *     public String onFailure(ToolDefinition tool, Throwable error, String genericText) {
 *         return error instanceof OrderSystemDownException ? "The order system is down right now." : genericText;
 *     }
 * };
 * }</pre>
 */
public interface ToolErrorPolicy {

    /** The policy that keeps every default text. */
    ToolErrorPolicy DEFAULT = new ToolErrorPolicy() {
    };

    /**
     * Arguments could not be bound.
     *
     * @param tool the tool
     * @param error names the argument; its message is the default text
     * @return the text for the assistant
     */
    default String onBadArguments(ToolDefinition tool, ToolArgumentException error) {
        return error.getMessage();
    }

    /**
     * The method threw a {@link ToolResultException}.
     *
     * @param tool the tool
     * @param error its message is the default text
     * @return the text for the assistant
     */
    default String onResultException(ToolDefinition tool, ToolResultException error) {
        return error.getMessage();
    }

    /**
     * The method threw any other exception (already unwrapped from reflection), or its result could
     * not be converted to text.
     *
     * @param tool the tool
     * @param error the exception
     * @param genericText the invoker's configured generic error text
     * @return the text for the assistant
     */
    default String onFailure(ToolDefinition tool, Throwable error, String genericText) {
        return genericText;
    }

    /**
     * The deadline passed before the method answered.
     *
     * @param tool the tool
     * @param timeout the deadline that passed
     * @param fallbackText the invoker's configured fallback text
     * @return the text for the assistant
     */
    default String onTimeout(ToolDefinition tool, Duration timeout, String fallbackText) {
        return fallbackText;
    }
}
