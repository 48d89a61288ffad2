package ai.fonella.test;

import ai.fonella.model.ToolMethod;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * One tool call made during a simulated call or on its own, including calls of tools that are not registered
 * (then {@code toolId}, {@code method} and {@code url} are {@code null} and {@code error} says why).
 *
 * @param callId the simulated call, or {@code null} for a tool invoked on its own
 *     ({@link FonellaEmulator#invokeTool(String, JsonNode)}, the console's "Try a tool")
 * @param toolCallId the id of this tool call, also sent as {@code X-Fonella-Tool-Call-Id}
 * @param toolId the registered tool invoked, or {@code null}
 * @param toolName the name the assistant called
 * @param method the HTTP method used, or {@code null} when nothing was sent
 * @param url the URL called, with the query for {@code GET}, or {@code null} when nothing was sent
 * @param arguments the arguments object
 * @param headers the request headers sent (registered ones plus context headers)
 * @param status the tool's HTTP status, or {@code null} when it did not answer
 * @param result the {@code result} string of a valid answer, or {@code null}
 * @param error why the call failed, or {@code null} when it succeeded
 * @param timestamp when the tool was called, by the emulator's clock
 * @param duration how long the tool took, up to the timeout
 */
public record RecordedToolInvocation(
        String callId,
        String toolCallId,
        String toolId,
        String toolName,
        ToolMethod method,
        String url,
        JsonNode arguments,
        Map<String, String> headers,
        Integer status,
        String result,
        String error,
        Instant timestamp,
        Duration duration) {

    /** Copies headers and arguments. */
    public RecordedToolInvocation {
        headers = Map.copyOf(headers);
        arguments = arguments.deepCopy();
    }

    /**
     * The arguments object; a copy, so changing it changes nothing here.
     *
     * @return the arguments
     */
    @Override
    public JsonNode arguments() {
        return arguments.deepCopy();
    }

    /**
     * Whether the tool answered in time with a {@code result} string.
     *
     * @return {@code true} when {@link #error()} is {@code null}
     */
    public boolean succeeded() {
        return error == null;
    }

    /** Shows header names only: their values often carry secrets. */
    @Override
    public String toString() {
        return "RecordedToolInvocation[" + toolName + " (" + toolCallId + ") " + method + " " + url + ", headers="
                + headers.keySet() + ", " + (succeeded() ? "result=" + result : "error=" + error) + "]";
    }
}
