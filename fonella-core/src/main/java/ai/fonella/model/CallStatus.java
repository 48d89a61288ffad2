package ai.fonella.model;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Status of a call in the call log. */
public enum CallStatus {

    /** The call is waiting to be connected. */
    @JsonProperty("queued")
    QUEUED,

    /** The phone is ringing. */
    @JsonProperty("ringing")
    RINGING,

    /** The call is live. */
    @JsonProperty("in-progress")
    IN_PROGRESS,

    /** The call is being forwarded. */
    @JsonProperty("forwarding")
    FORWARDING,

    /** The call is over; see {@link Call#endedReason()}. */
    @JsonProperty("ended")
    ENDED,

    /** The call failed; see {@link Call#endedReason()}. */
    @JsonProperty("failed")
    FAILED,

    /** A status this version of the SDK does not know. */
    @JsonEnumDefaultValue
    UNKNOWN
}
