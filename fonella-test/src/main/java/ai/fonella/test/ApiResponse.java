package ai.fonella.test;

import ai.fonella.support.FonellaJson;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One answer of the emulator: status, body bytes, content type and extra headers.
 *
 * @param status HTTP status
 * @param body the body, empty for none
 * @param contentType the {@code Content-Type}, or {@code null} without a body
 * @param headers extra response headers
 */
record ApiResponse(int status, byte[] body, String contentType, Map<String, String> headers) {

    static final String JSON = "application/json";

    ApiResponse {
        headers = Map.copyOf(headers);
    }

    /** {@code {"success": true}}. */
    static ApiResponse success() {
        return json(200, envelope());
    }

    /** {@code {"success": true, "<field>": <value>}}. */
    static ApiResponse success(int status, String field, Object value) {
        ObjectNode body = envelope();
        body.set(field, FonellaJson.mapper().valueToTree(value));
        return json(status, body);
    }

    static ApiResponse json(int status, JsonNode body) {
        return new ApiResponse(status, FonellaJson.mapper().writeValueAsBytes(body), JSON, Map.of());
    }

    static ApiResponse error(ApiError error) {
        return error(error.status(), error.code(), error.getMessage(), error.headers());
    }

    static ApiResponse error(int status, String code, String message, Map<String, String> headers) {
        ObjectNode body = FonellaJson.mapper().createObjectNode();
        body.put("success", false);
        ObjectNode detail = body.putObject("error");
        detail.put("code", code);
        detail.put("message", message);
        return new ApiResponse(status, FonellaJson.mapper().writeValueAsBytes(body), JSON, headers);
    }

    static ApiResponse raw(int status, String contentType, String body, Map<String, String> headers) {
        return new ApiResponse(status, body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8),
                contentType, headers);
    }

    static ObjectNode envelope() {
        ObjectNode body = FonellaJson.mapper().createObjectNode();
        body.put("success", true);
        return body;
    }
}
