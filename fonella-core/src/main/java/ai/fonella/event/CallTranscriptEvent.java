package ai.fonella.event;

import ai.fonella.model.Call;
import ai.fonella.model.EventType;
import ai.fonella.model.TranscriptMessage;
import java.time.Instant;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * {@code call.transcript}: one finished utterance, {@code data.message}.
 *
 * @param id the event id
 * @param createdAt when the event was created, or {@code null}
 * @param call the call ({@code data.call}), or {@code null} when the delivery has none
 * @param message the utterance ({@code data.message}), or {@code null} when absent
 * @param raw the whole envelope, or {@code null} for an event constructed in code
 */
public record CallTranscriptEvent(
        String id,
        Instant createdAt,
        Call call,
        TranscriptMessage message,
        JsonNode raw) implements FonellaEvent {

    /** Requires an id. */
    public CallTranscriptEvent {
        Objects.requireNonNull(id, "id");
    }

    /**
     * The wire name of this type.
     *
     * @return {@value OnFonellaEvent#CALL_TRANSCRIPT}
     */
    @Override
    public String type() {
        return OnFonellaEvent.CALL_TRANSCRIPT;
    }

    /**
     * This type as an enum.
     *
     * @return {@link EventType#CALL_TRANSCRIPT}
     */
    @Override
    public EventType eventType() {
        return EventType.CALL_TRANSCRIPT;
    }
}
