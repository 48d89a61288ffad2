package ai.fonella.event;

import ai.fonella.support.FonellaJson;
import ai.fonella.model.Call;
import ai.fonella.model.EventType;
import ai.fonella.model.TranscriptMessage;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;

/**
 * Reads webhook bodies into {@link FonellaEvent}s and maps event types to their classes.
 * Thread-safe; all methods are static.
 *
 * <p>The body is parsed once into a tree; {@code data.call} is then bound to a {@link Call} with a
 * cached reader. Unknown fields are ignored and an unknown {@code type} becomes an
 * {@link UnknownFonellaEvent}. Only what makes a body unusable fails, with an
 * {@link EventParseException}: malformed JSON, a root that is not an object, a missing or
 * non-string {@code id} or {@code type}, or a {@code data.call} of a known type that cannot be read
 * as a call. An unreadable {@code createdAt} becomes {@code null}, and a type-specific field that
 * is absent becomes {@code null}.
 *
 * <pre>{@code
 * FonellaEvent event = FonellaEvents.parse(verifiedBody);
 * if (event instanceof CallSummaryEvent summary) {
 *     store(summary.call().id(), summary.summary());
 * }
 * }</pre>
 */
public final class FonellaEvents {

    /**
     * The longest event id accepted. Fonella's ids are short; a longer one is refused rather than kept
     * in the deduplication store and echoed back.
     */
    public static final int MAX_ID_LENGTH = 256;

    /** Reads envelopes strictly: a key that appears twice is an error, not last-wins. */
    private static final ObjectReader ENVELOPE_READER = FonellaJson.mapper().reader()
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

    private static final ObjectReader CALL_READER = FonellaJson.mapper().readerFor(Call.class);
    private static final ObjectReader INSTANT_READER = FonellaJson.mapper().readerFor(Instant.class);

    private static final Map<EventType, Class<? extends FonellaEvent>> CLASSES = new EnumMap<>(EventType.class);

    static {
        CLASSES.put(EventType.CALL_STARTED, CallStartedEvent.class);
        CLASSES.put(EventType.CALL_ENDED, CallEndedEvent.class);
        CLASSES.put(EventType.CALL_FAILED, CallFailedEvent.class);
        CLASSES.put(EventType.CALL_TRANSCRIPT, CallTranscriptEvent.class);
        CLASSES.put(EventType.CALL_SPEECH_UPDATE, CallSpeechUpdateEvent.class);
        CLASSES.put(EventType.CALL_TOOL_CALL, CallToolCallEvent.class);
        CLASSES.put(EventType.CALL_HANG, CallHangEvent.class);
        CLASSES.put(EventType.CALL_SUMMARY, CallSummaryEvent.class);
        CLASSES.put(EventType.UNKNOWN, UnknownFonellaEvent.class);
    }

    private FonellaEvents() {
    }

    /**
     * Parses a webhook body. Verify the signature over these same bytes first.
     *
     * @param body the raw request body (UTF-8 JSON)
     * @return the event
     * @throws EventParseException if the body is not a usable event envelope
     */
    public static FonellaEvent parse(byte[] body) {
        Objects.requireNonNull(body, "body");
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(body)); // REPORTs malformed input
        } catch (CharacterCodingException e) {
            throw new EventParseException("The webhook body is not valid UTF-8. Fonella sends UTF-8 JSON; check that "
                    + "nothing between Fonella and this application re-encodes the body.", e);
        }
        JsonNode root;
        try {
            root = ENVELOPE_READER.readTree(body);
        } catch (JacksonException e) {
            boolean duplicate = String.valueOf(e.getOriginalMessage()).startsWith("Duplicate");
            throw new EventParseException("The webhook body is not " + (duplicate ? "a JSON object with distinct "
                    + "keys: a key appears twice" : "valid JSON") + where(e.getLocation()) + ". Fonella sends a JSON "
                    + "object; check that nothing between Fonella and this application rewrites or truncates the "
                    + "body.", e);
        }
        return parse(root);
    }

    /**
     * Parses a webhook body given as text.
     *
     * @param body the body
     * @return the event
     * @throws EventParseException if the body is not a usable event envelope
     */
    public static FonellaEvent parse(String body) {
        return parse(Objects.requireNonNull(body, "body").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads an already parsed envelope. The node is kept as {@link FonellaEvent#raw()}, not copied.
     *
     * @param envelope the envelope
     * @return the event
     * @throws EventParseException if the node is not a usable event envelope
     */
    public static FonellaEvent parse(JsonNode envelope) {
        if (envelope == null || !envelope.isObject()) {
            String what = envelope == null || envelope.isMissingNode() ? "empty" : "a JSON " + kind(envelope);
            throw new EventParseException("The webhook body is " + what + ", not a JSON object with id, type and "
                    + "data. Check that the endpoint receives Fonella's event deliveries unchanged.");
        }
        String id = requiredText(envelope, "id");
        if (id.length() > MAX_ID_LENGTH) {
            throw new EventParseException("The webhook body's \"id\" is " + id.length() + " characters long, more "
                    + "than the " + MAX_ID_LENGTH + " an event id may have.");
        }
        String type = requiredText(envelope, "type");
        Instant createdAt = instant(envelope.get("createdAt"));
        JsonNode data = envelope.path("data");
        EventType eventType = EventType.fromWireName(type);
        Call call = call(data.get("call"), eventType);
        return switch (eventType) {
            case CALL_STARTED -> new CallStartedEvent(id, createdAt, call, envelope);
            case CALL_ENDED -> new CallEndedEvent(id, createdAt, call, envelope);
            case CALL_FAILED -> new CallFailedEvent(id, createdAt, call, text(data.get("error")), envelope);
            case CALL_TRANSCRIPT -> new CallTranscriptEvent(id, createdAt, call, message(data.get("message")), envelope);
            case CALL_SPEECH_UPDATE -> new CallSpeechUpdateEvent(id, createdAt, call,
                    text(data.get("role")), text(data.get("status")), envelope);
            case CALL_TOOL_CALL -> new CallToolCallEvent(id, createdAt, call, toolCall(data.get("toolCall")), envelope);
            case CALL_HANG -> new CallHangEvent(id, createdAt, call, text(data.get("message")), envelope);
            case CALL_SUMMARY -> {
                String summary = text(data.get("summary"));
                yield new CallSummaryEvent(id, createdAt, call,
                        summary == null && call != null ? call.summary() : summary, envelope);
            }
            case UNKNOWN -> new UnknownFonellaEvent(id, type, createdAt, call, envelope);
        };
    }

    /**
     * The class an event type is delivered as.
     *
     * @param type the type
     * @return its record class; {@link UnknownFonellaEvent} for {@link EventType#UNKNOWN}
     */
    public static Class<? extends FonellaEvent> eventClass(EventType type) {
        return CLASSES.get(Objects.requireNonNull(type, "type"));
    }

    /**
     * The event type a class is delivered for.
     *
     * @param eventClass a class
     * @return the type whose events are instances of exactly this class, or {@code null} for
     *     {@link FonellaEvent}, {@link UnknownFonellaEvent} and any other class
     */
    public static EventType eventType(Class<?> eventClass) {
        for (Map.Entry<EventType, Class<? extends FonellaEvent>> entry : CLASSES.entrySet()) {
            if (entry.getKey() != EventType.UNKNOWN && entry.getValue() == eventClass) {
                return entry.getKey();
            }
        }
        return null;
    }

    private static String requiredText(JsonNode envelope, String field) {
        JsonNode node = envelope.get(field);
        if (node == null || node.isNull()) {
            throw new EventParseException("The webhook body has no \"" + field + "\"; a Fonella event envelope has "
                    + "\"id\", \"type\", \"createdAt\" and \"data\".");
        }
        if (!node.isString() || node.stringValue().isBlank()) {
            throw new EventParseException("The webhook body's \"" + field + "\" is " + (node.isString()
                    ? "blank" : "a JSON " + kind(node)) + "; Fonella sends a non-blank string.");
        }
        return node.stringValue();
    }

    private static Call call(JsonNode node, EventType type) {
        if (node == null || !node.isObject()) {
            return null;
        }
        try {
            return CALL_READER.readValue(node);
        } catch (JacksonException e) {
            if (type == EventType.UNKNOWN) {
                return null; // An unknown type may carry something else under "call".
            }
            throw new EventParseException("The webhook body's data.call cannot be read as a call: "
                    + path(e) + " has a value of the wrong type or format.", e);
        }
    }

    private static Instant instant(JsonNode node) {
        if (node == null || !node.isString()) {
            return null;
        }
        try {
            return INSTANT_READER.readValue(node);
        } catch (JacksonException e) {
            return null;
        }
    }

    private static TranscriptMessage message(JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        return new TranscriptMessage(text(node.get("role")), text(node.get("text")));
    }

    private static CallToolCallEvent.ToolCall toolCall(JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        return new CallToolCallEvent.ToolCall(text(node.get("id")), text(node.get("name")),
                node.get("arguments"), text(node.get("result")));
    }

    /** A string as is, another scalar as its text, anything else (absent, null, object, array) null. */
    private static String text(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isString()) {
            return node.stringValue();
        }
        return node.isNumber() || node.isBoolean() ? node.asString() : null;
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "array";
            case BOOLEAN -> "boolean";
            case NULL -> "null";
            case NUMBER -> "number";
            case STRING -> "string";
            case OBJECT, POJO -> "object";
            default -> "value";
        };
    }

    private static String where(TokenStreamLocation location) {
        if (location == null || location.getByteOffset() < 0) {
            return "";
        }
        return " (at byte " + location.getByteOffset() + ")";
    }

    private static String path(JacksonException e) {
        StringBuilder path = new StringBuilder("data.call");
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append('.').append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
