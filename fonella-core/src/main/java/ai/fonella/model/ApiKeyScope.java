package ai.fonella.model;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Permission scope of an API key. A key created without scopes has all of them. */
public enum ApiKeyScope {

    /** Create, list, update and delete webhook subscriptions. */
    @JsonProperty("webhooks:manage")
    WEBHOOKS_MANAGE("webhooks:manage"),

    /** Read call logs, transcripts and summaries. */
    @JsonProperty("calls:read")
    CALLS_READ("calls:read"),

    /** Create, list, update and delete custom tools. */
    @JsonProperty("tools:manage")
    TOOLS_MANAGE("tools:manage"),

    /** A scope this version of the SDK does not know; never sent. */
    @JsonEnumDefaultValue
    UNKNOWN("unknown");

    private final String wireName;

    ApiKeyScope(String wireName) {
        this.wireName = wireName;
    }

    /**
     * The name used on the wire, e.g. {@code calls:read}.
     *
     * @return the wire name
     */
    public String wireName() {
        return wireName;
    }

    /**
     * Looks a scope up by its wire name.
     *
     * @param wireName e.g. {@code tools:manage}
     * @return the scope, or {@link #UNKNOWN}
     */
    public static ApiKeyScope fromWireName(String wireName) {
        for (ApiKeyScope scope : values()) {
            if (scope != UNKNOWN && scope.wireName.equals(wireName)) {
                return scope;
            }
        }
        return UNKNOWN;
    }
}
