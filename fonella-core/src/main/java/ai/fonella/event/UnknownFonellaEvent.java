package ai.fonella.event;

import ai.fonella.model.Call;
import ai.fonella.model.EventType;
import java.time.Instant;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * An event of a type this version of the SDK does not know, kept rather than rejected so that a
 * platform that adds event types does not break older applications. Only handlers declared with
 * {@link OnFonellaEvent#ALL} receive it; read its fields from {@link #raw()}.
 *
 * @param id the event id
 * @param type the type's wire name as received
 * @param createdAt when the event was created, or {@code null}
 * @param call the call ({@code data.call}) when present and readable, else {@code null}
 * @param raw the whole envelope, or {@code null} for an event constructed in code
 */
public record UnknownFonellaEvent(
        String id,
        String type,
        Instant createdAt,
        Call call,
        JsonNode raw) implements FonellaEvent {

    /** Requires an id and a type. */
    public UnknownFonellaEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
    }

    /**
     * Always {@link EventType#UNKNOWN}; {@link #type()} has the name as received.
     *
     * @return {@link EventType#UNKNOWN}
     */
    @Override
    public EventType eventType() {
        return EventType.UNKNOWN;
    }
}
