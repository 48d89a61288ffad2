package ai.fonella.event;

import ai.fonella.model.Call;
import ai.fonella.model.EventType;
import ai.fonella.model.TranscriptMessage;
import java.time.Instant;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * {@code call.speech_update}: the caller or the assistant started or stopped speaking.
 *
 * @param id the event id
 * @param createdAt when the event was created, or {@code null}
 * @param call the call ({@code data.call}), or {@code null} when the delivery has none
 * @param role who: {@code user} or {@code assistant} ({@code data.role}), or {@code null} when absent
 * @param status {@code started} or {@code stopped} ({@code data.status}), or {@code null} when absent
 * @param raw the whole envelope, or {@code null} for an event constructed in code
 */
public record CallSpeechUpdateEvent(
        String id,
        Instant createdAt,
        Call call,
        String role,
        String status,
        JsonNode raw) implements FonellaEvent {

    /** {@link #status()} when speech started. */
    public static final String STATUS_STARTED = "started";

    /** {@link #status()} when speech stopped. */
    public static final String STATUS_STOPPED = "stopped";

    /** Requires an id. */
    public CallSpeechUpdateEvent {
        Objects.requireNonNull(id, "id");
    }

    /**
     * The wire name of this type.
     *
     * @return {@value OnFonellaEvent#CALL_SPEECH_UPDATE}
     */
    @Override
    public String type() {
        return OnFonellaEvent.CALL_SPEECH_UPDATE;
    }

    /**
     * This type as an enum.
     *
     * @return {@link EventType#CALL_SPEECH_UPDATE}
     */
    @Override
    public EventType eventType() {
        return EventType.CALL_SPEECH_UPDATE;
    }

    /**
     * Whether speech started.
     *
     * @return {@code true} when {@link #status()} is {@value #STATUS_STARTED}
     */
    public boolean isStarted() {
        return STATUS_STARTED.equals(status);
    }

    /**
     * Whether the caller (rather than the assistant) is the speaker.
     *
     * @return {@code true} when {@link #role()} is {@value TranscriptMessage#ROLE_USER}
     */
    public boolean isCaller() {
        return TranscriptMessage.ROLE_USER.equals(role);
    }
}
