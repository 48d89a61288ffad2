package ai.fonella.event;

import ai.fonella.model.Call;
import ai.fonella.model.EventType;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * A webhook event delivered by Fonella: one record per event type, plus
 * {@link UnknownFonellaEvent} for types this version of the SDK does not know. Read one with
 * {@link FonellaEvents#parse(byte[])}; switch over the permitted records to handle several types.
 *
 * <p>The delivery envelope is
 * {@code {"id": "evt_...", "type": "call.ended", "createdAt": "<ISO-8601>", "data": {"call": {...}, ...}}};
 * unknown fields are ignored.
 *
 * <p>{@link #raw()} is the parsed envelope as Jackson delivered it. It is shared by every handler of
 * the delivery: treat it as read-only.
 */
public sealed interface FonellaEvent permits CallStartedEvent, CallEndedEvent, CallFailedEvent,
        CallTranscriptEvent, CallSpeechUpdateEvent, CallToolCallEvent, CallHangEvent, CallSummaryEvent,
        UnknownFonellaEvent {

    /**
     * The event id. A redelivery of the same event carries the same id, which is what deduplication
     * keys on.
     *
     * @return the id, never {@code null}
     */
    String id();

    /**
     * The wire name of the type, e.g. {@code call.ended}; for an {@link UnknownFonellaEvent}, the
     * name as received.
     *
     * @return the type's wire name, never {@code null}
     */
    String type();

    /**
     * The type as an enum.
     *
     * @return the type, {@link EventType#UNKNOWN} for an {@link UnknownFonellaEvent}
     */
    EventType eventType();

    /**
     * When the event was created.
     *
     * @return the creation time, or {@code null} when the delivery has no readable {@code createdAt}
     */
    Instant createdAt();

    /**
     * The call the event is about, {@code data.call}: the call as {@code GET /v1/calls/{id}} returns
     * it at that moment.
     *
     * @return the call, or {@code null} when the delivery carries none (never for deliveries that
     *     follow the wire contract, except possibly unknown types)
     */
    Call call();

    /**
     * The whole envelope as parsed JSON, for fields this SDK does not model. Read-only by convention.
     *
     * @return the envelope, or {@code null} for an event constructed in code without one
     */
    JsonNode raw();
}
