package ai.fonella.event;

import ai.fonella.model.Call;
import ai.fonella.model.EventType;
import java.time.Instant;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * {@code call.failed}: a call failed. {@code data.error} says why.
 *
 * @param id the event id
 * @param createdAt when the event was created, or {@code null}
 * @param call the call ({@code data.call}), or {@code null} when the delivery has none
 * @param error why the call failed ({@code data.error}), or {@code null} when absent
 * @param raw the whole envelope, or {@code null} for an event constructed in code
 */
public record CallFailedEvent(
        String id,
        Instant createdAt,
        Call call,
        String error,
        JsonNode raw) implements FonellaEvent {

    /** Requires an id. */
    public CallFailedEvent {
        Objects.requireNonNull(id, "id");
    }

    /**
     * The wire name of this type.
     *
     * @return {@value OnFonellaEvent#CALL_FAILED}
     */
    @Override
    public String type() {
        return OnFonellaEvent.CALL_FAILED;
    }

    /**
     * This type as an enum.
     *
     * @return {@link EventType#CALL_FAILED}
     */
    @Override
    public EventType eventType() {
        return EventType.CALL_FAILED;
    }
}
