package ai.fonella.tool;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a tool invocation knows besides its arguments. Declare a parameter of this type on a
 * {@link FonellaTool} method to receive it; it never appears in the tool's schema.
 *
 * <p>Header names are case-insensitive. The {@value #TOOL_SECRET_HEADER} header is never included,
 * so handler code cannot leak the tool secret, and {@link #toString()} shows header names only.
 *
 * @param callId the Fonella call id from {@value #CALL_ID_HEADER}, or {@code null} when unknown
 * @param toolCallId the id of this tool call from {@value #TOOL_CALL_ID_HEADER}, or {@code null}
 * @param headers the request headers, keyed case-insensitively, read-only
 */
public record ToolCallContext(String callId, String toolCallId, Map<String, List<String>> headers) {

    /** Header carrying the id of the call during which the tool is invoked. */
    public static final String CALL_ID_HEADER = "X-Fonella-Call-Id";

    /** Header carrying the id of this tool call, as in the {@code call.tool_call} event. */
    public static final String TOOL_CALL_ID_HEADER = "X-Fonella-Tool-Call-Id";

    /** Header carrying the tool secret; removed from {@link #headers()}. */
    public static final String TOOL_SECRET_HEADER = "X-Fonella-Tool-Secret";

    private static final ToolCallContext EMPTY = new ToolCallContext(null, null, Map.of());

    /** Copies the headers into a case-insensitive, read-only map without the tool secret. */
    public ToolCallContext {
        headers = copyHeaders(headers);
    }

    /**
     * A context without ids or headers, e.g. for tests or invocations outside HTTP.
     *
     * @return the empty context
     */
    public static ToolCallContext empty() {
        return EMPTY;
    }

    /**
     * Builds a context from request headers, taking the call id and tool-call id from
     * {@value #CALL_ID_HEADER} and {@value #TOOL_CALL_ID_HEADER}.
     *
     * @param headers the request headers, any case; may be {@code null}
     * @return the context
     */
    public static ToolCallContext fromHeaders(Map<String, List<String>> headers) {
        Map<String, List<String>> copy = copyHeaders(headers);
        return new ToolCallContext(first(copy, CALL_ID_HEADER), first(copy, TOOL_CALL_ID_HEADER), copy);
    }

    /**
     * The call id, when Fonella sent one.
     *
     * @return the call id
     */
    public Optional<String> findCallId() {
        return Optional.ofNullable(callId);
    }

    /**
     * The tool-call id, when Fonella sent one.
     *
     * @return the tool-call id
     */
    public Optional<String> findToolCallId() {
        return Optional.ofNullable(toolCallId);
    }

    /**
     * The first value of a header.
     *
     * @param name the header name, any case
     * @return the first value, if the header is present
     */
    public Optional<String> header(String name) {
        return Optional.ofNullable(first(headers, name));
    }

    @Override
    public String toString() {
        return "ToolCallContext[callId=" + callId + ", toolCallId=" + toolCallId + ", headers="
                + headers.keySet() + "]";
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static Map<String, List<String>> copyHeaders(Map<String, List<String>> headers) {
        if (headers == null || headers.isEmpty()) {
            return Map.of();
        }
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> {
            if (name != null && !name.equalsIgnoreCase(TOOL_SECRET_HEADER)) {
                List<String> nonNull = new ArrayList<>();
                if (values != null) {
                    values.forEach(v -> {
                        if (v != null) {
                            nonNull.add(v);
                        }
                    });
                }
                copy.merge(name, List.copyOf(nonNull),
                        (a, b) -> {
                            List<String> merged = new ArrayList<>(a);
                            merged.addAll(b);
                            return List.copyOf(merged);
                        });
            }
        });
        return Collections.unmodifiableMap(copy);
    }
}
