package ai.fonella.tool;

import java.util.Objects;

/**
 * An explicit tool result: the text the assistant receives, and whether it reports a failure. Return
 * it from a {@link FonellaTool} method when the outcome should count as an error in metrics while
 * still telling the assistant something useful; a plain {@code String} return is a success.
 *
 * <pre>{@code
 * return available ? ToolResult.success("Booked for 3 pm.") : ToolResult.failure("That slot is taken.");
 * }</pre>
 *
 * @param text what the assistant is told, verbatim
 * @param failure whether the tool failed to do what was asked
 */
public record ToolResult(String text, boolean failure) {

    /** Requires the text. */
    public ToolResult {
        Objects.requireNonNull(text, "text");
    }

    /**
     * A successful result.
     *
     * @param text what the assistant is told
     * @return the result
     */
    public static ToolResult success(String text) {
        return new ToolResult(text, false);
    }

    /**
     * A failed result; the invoker reports it with status {@link ToolOutcome.Status#ERROR}.
     *
     * @param text what the assistant is told, e.g. why it failed and what the caller can do
     * @return the result
     */
    public static ToolResult failure(String text) {
        return new ToolResult(text, true);
    }
}
