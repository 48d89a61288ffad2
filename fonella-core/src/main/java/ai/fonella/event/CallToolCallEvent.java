package ai.fonella.event;

import ai.fonella.model.Call;
import ai.fonella.model.EventType;
import java.time.Instant;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * {@code call.tool_call}: the assistant called a tool during a call.
 *
 * @param id the event id
 * @param createdAt when the event was created, or {@code null}
 * @param call the call ({@code data.call}), or {@code null} when the delivery has none
 * @param toolCall the tool call ({@code data.toolCall}), or {@code null} when absent
 * @param raw the whole envelope, or {@code null} for an event constructed in code
 */
public record CallToolCallEvent(
        String id,
        Instant createdAt,
        Call call,
        ToolCall toolCall,
        JsonNode raw) implements FonellaEvent {

    /** Requires an id. */
    public CallToolCallEvent {
        Objects.requireNonNull(id, "id");
    }

    /**
     * The wire name of this type.
     *
     * @return {@value OnFonellaEvent#CALL_TOOL_CALL}
     */
    @Override
    public String type() {
        return OnFonellaEvent.CALL_TOOL_CALL;
    }

    /**
     * This type as an enum.
     *
     * @return {@link EventType#CALL_TOOL_CALL}
     */
    @Override
    public EventType eventType() {
        return EventType.CALL_TOOL_CALL;
    }

    /**
     * One tool invocation as reported by {@code data.toolCall}.
     *
     * @param id the tool call id (also sent to the tool as {@code X-Fonella-Tool-Call-Id})
     * @param name the tool name
     * @param arguments the arguments object; never {@code null} (empty when absent); read-only by
     *     convention
     * @param result the result the tool answered, or {@code null} when absent
     */
    public record ToolCall(String id, String name, JsonNode arguments, String result) {

        /** Replaces absent arguments with an empty object. */
        public ToolCall {
            if (arguments == null || arguments.isNull() || arguments.isMissingNode()) {
                arguments = JsonNodeFactory.instance.objectNode();
            }
        }
    }
}
