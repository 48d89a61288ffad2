package ai.fonella.event;

import ai.fonella.model.Call;
import ai.fonella.model.EventType;
import ai.fonella.model.TranscriptMessage;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * {@code call.ended}: a call ended normally. {@code data} holds only the call, which now has its
 * {@code endedReason}, {@code transcript}, {@code transcriptMessages} and {@code duration}.
 *
 * @param id the event id
 * @param createdAt when the event was created, or {@code null}
 * @param call the call ({@code data.call}), or {@code null} when the delivery has none
 * @param raw the whole envelope, or {@code null} for an event constructed in code
 */
public record CallEndedEvent(
        String id,
        Instant createdAt,
        Call call,
        JsonNode raw) implements FonellaEvent {

    /** Requires an id. */
    public CallEndedEvent {
        Objects.requireNonNull(id, "id");
    }

    /**
     * The wire name of this type.
     *
     * @return {@value OnFonellaEvent#CALL_ENDED}
     */
    @Override
    public String type() {
        return OnFonellaEvent.CALL_ENDED;
    }

    /**
     * This type as an enum.
     *
     * @return {@link EventType#CALL_ENDED}
     */
    @Override
    public EventType eventType() {
        return EventType.CALL_ENDED;
    }

    /**
     * Why the call ended, from the call.
     *
     * @return e.g. {@code customer-ended}, or {@code null} when unknown
     */
    public String endedReason() {
        return call == null ? null : call.endedReason();
    }

    /**
     * The transcript as messages, from the call.
     *
     * @return the messages, empty when unknown
     */
    public List<TranscriptMessage> transcriptMessages() {
        return call == null ? List.of() : call.transcriptMessages();
    }
}
