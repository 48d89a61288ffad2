package ai.fonella.event;

import ai.fonella.model.Call;
import ai.fonella.model.EventType;
import java.time.Instant;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * {@code call.started}: a call was answered. {@code data} holds only the call.
 *
 * @param id the event id
 * @param createdAt when the event was created, or {@code null}
 * @param call the call ({@code data.call}), or {@code null} when the delivery has none
 * @param raw the whole envelope, or {@code null} for an event constructed in code
 */
public record CallStartedEvent(
        String id,
        Instant createdAt,
        Call call,
        JsonNode raw) implements FonellaEvent {

    /** Requires an id. */
    public CallStartedEvent {
        Objects.requireNonNull(id, "id");
    }

    /**
     * The wire name of this type.
     *
     * @return {@value OnFonellaEvent#CALL_STARTED}
     */
    @Override
    public String type() {
        return OnFonellaEvent.CALL_STARTED;
    }

    /**
     * This type as an enum.
     *
     * @return {@link EventType#CALL_STARTED}
     */
    @Override
    public EventType eventType() {
        return EventType.CALL_STARTED;
    }
}
