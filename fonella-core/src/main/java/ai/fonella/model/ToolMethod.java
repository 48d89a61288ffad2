package ai.fonella.model;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/** HTTP method Fonella uses to invoke a custom tool. */
public enum ToolMethod {

    /** Arguments are sent as query parameters. */
    GET,

    /** Arguments are sent as a JSON object in the body. The API's default. */
    POST,

    /** A method this version of the SDK does not know; never sent. */
    @JsonEnumDefaultValue
    UNKNOWN
}
