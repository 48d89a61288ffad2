package ai.fonella.event;

import ai.fonella.model.Call;
import ai.fonella.model.EventType;
import java.time.Instant;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * {@code call.summary}: the summary of a finished call.
 *
 * @param id the event id
 * @param createdAt when the event was created, or {@code null}
 * @param call the call ({@code data.call}), or {@code null} when the delivery has none
 * @param summary the summary ({@code data.summary}; when absent, the call's {@code summary}), or
 *     {@code null}
 * @param raw the whole envelope, or {@code null} for an event constructed in code
 */
public record CallSummaryEvent(
        String id,
        Instant createdAt,
        Call call,
        String summary,
        JsonNode raw) implements FonellaEvent {

    /** Requires an id. */
    public CallSummaryEvent {
        Objects.requireNonNull(id, "id");
    }

    /**
     * The wire name of this type.
     *
     * @return {@value OnFonellaEvent#CALL_SUMMARY}
     */
    @Override
    public String type() {
        return OnFonellaEvent.CALL_SUMMARY;
    }

    /**
     * This type as an enum.
     *
     * @return {@link EventType#CALL_SUMMARY}
     */
    @Override
    public EventType eventType() {
        return EventType.CALL_SUMMARY;
    }
}
