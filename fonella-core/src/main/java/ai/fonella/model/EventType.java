package ai.fonella.model;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.EnumSet;
import java.util.Set;

/**
 * The eight call event types a webhook subscription can listen to. The wire names are also
 * available as string constants on {@code ai.fonella.event.OnFonellaEvent}.
 */
public enum EventType {

    /** A call was answered. */
    @JsonProperty("call.started")
    CALL_STARTED("call.started"),

    /** A call ended normally. */
    @JsonProperty("call.ended")
    CALL_ENDED("call.ended"),

    /** A call failed. */
    @JsonProperty("call.failed")
    CALL_FAILED("call.failed"),

    /** A final transcript of a call is available. */
    @JsonProperty("call.transcript")
    CALL_TRANSCRIPT("call.transcript"),

    /** The caller or the assistant started or stopped speaking. */
    @JsonProperty("call.speech_update")
    CALL_SPEECH_UPDATE("call.speech_update"),

    /** The assistant called a tool during a call. */
    @JsonProperty("call.tool_call")
    CALL_TOOL_CALL("call.tool_call"),

    /** The assistant is waiting for a slow response during a call. */
    @JsonProperty("call.hang")
    CALL_HANG("call.hang"),

    /** A summary of a finished call is available. */
    @JsonProperty("call.summary")
    CALL_SUMMARY("call.summary"),

    /** An event type this version of the SDK does not know; never sent. */
    @JsonEnumDefaultValue
    UNKNOWN("unknown");

    private static final Set<EventType> KNOWN = EnumSet.complementOf(EnumSet.of(UNKNOWN));

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    /**
     * The name used on the wire, e.g. {@code call.ended}.
     *
     * @return the wire name
     */
    public String wireName() {
        return wireName;
    }

    /**
     * Looks an event type up by its wire name.
     *
     * @param wireName e.g. {@code call.summary}
     * @return the event type, or {@link #UNKNOWN} for anything else, including {@code null}
     */
    public static EventType fromWireName(String wireName) {
        for (EventType type : KNOWN) {
            if (type.wireName.equals(wireName)) {
                return type;
            }
        }
        return UNKNOWN;
    }

    /**
     * All eight known event types, without {@link #UNKNOWN}.
     *
     * @return a new mutable set
     */
    public static Set<EventType> known() {
        return EnumSet.copyOf(KNOWN);
    }
}
