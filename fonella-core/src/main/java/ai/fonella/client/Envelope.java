package ai.fonella.client;

import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Unwraps the documented response envelope, e.g. {@code {"success": true, "tool": {...}}}.
 */
final class Envelope {

    private Envelope() {
    }

    static <T> T single(JsonMapper json, JsonNode envelope, String field, Class<T> type, String operation) {
        JsonNode node = require(envelope, field, operation);
        try {
            return json.treeToValue(node, type);
        } catch (JacksonException e) {
            throw unreadable(operation, field, e);
        }
    }

    static <T> List<T> list(JsonMapper json, JsonNode envelope, String field, Class<T> type, String operation) {
        JsonNode node = require(envelope, field, operation);
        if (!node.isArray()) {
            throw invalid(operation, "'" + field + "' is not an array");
        }
        JavaType listType = json.getTypeFactory().constructCollectionType(List.class, type);
        try {
            List<T> values = json.treeToValue(node, listType);
            return List.copyOf(values.stream().filter(v -> v != null).toList());
        } catch (JacksonException e) {
            throw unreadable(operation, field, e);
        }
    }

    private static JsonNode require(JsonNode envelope, String field, String operation) {
        JsonNode node = envelope.get(field);
        if (node == null || node.isNull()) {
            throw invalid(operation, "the response has no '" + field + "'");
        }
        return node;
    }

    private static FonellaApiException unreadable(String operation, String field, JacksonException e) {
        return invalid(operation, "'" + field + "' cannot be read: " + e.getOriginalMessage());
    }

    private static FonellaApiException invalid(String operation, String why) {
        return new FonellaApiException(operation + " answered with an unexpected body: " + why
                + ". " + Transport.BASE_URL_HINT, 200, "invalid_response", null, null);
    }
}
