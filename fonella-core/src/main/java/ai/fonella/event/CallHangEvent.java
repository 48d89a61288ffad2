package ai.fonella.event;

import ai.fonella.model.Call;
import ai.fonella.model.EventType;
import java.time.Instant;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * {@code call.hang}: the assistant is waiting for a slow response; {@code data.message} is what it
 * said meanwhile.
 *
 * @param id the event id
 * @param createdAt when the event was created, or {@code null}
 * @param call the call ({@code data.call}), or {@code null} when the delivery has none
 * @param message what the assistant said while waiting ({@code data.message}), or {@code null}
 * @param raw the whole envelope, or {@code null} for an event constructed in code
 */
public record CallHangEvent(
        String id,
        Instant createdAt,
        Call call,
        String message,
        JsonNode raw) implements FonellaEvent {

    /** Requires an id. */
    public CallHangEvent {
        Objects.requireNonNull(id, "id");
    }

    /**
     * The wire name of this type.
     *
     * @return {@value OnFonellaEvent#CALL_HANG}
     */
    @Override
    public String type() {
        return OnFonellaEvent.CALL_HANG;
    }

    /**
     * This type as an enum.
     *
     * @return {@link EventType#CALL_HANG}
     */
    @Override
    public EventType eventType() {
        return EventType.CALL_HANG;
    }
}
