package ai.fonella.test;

import ai.fonella.support.FonellaJson;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JsonNode;

/**
 * One request received by the emulator, read completely: method, decoded path segments, query
 * parameters, headers and body bytes.
 */
final class ApiRequest {

    private final String requestId;
    private final String method;
    private final String path;
    private final List<String> segments;
    private final String rawQuery;
    private final Map<String, List<String>> query;
    private final Headers headers;
    private final byte[] body;

    private ApiRequest(String requestId, String method, String path, String rawQuery, Headers headers, byte[] body) {
        this.requestId = requestId;
        this.method = method;
        this.path = path;
        this.segments = segments(path);
        this.rawQuery = rawQuery;
        this.query = parseQuery(rawQuery);
        this.headers = headers;
        this.body = body;
    }

    static ApiRequest read(HttpExchange exchange, String requestId) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        return new ApiRequest(requestId, exchange.getRequestMethod().toUpperCase(Locale.ROOT),
                exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery(),
                exchange.getRequestHeaders(), body);
    }

    String requestId() {
        return requestId;
    }

    String method() {
        return method;
    }

    /** The raw (still percent-encoded) path, as recorded. */
    String path() {
        return path;
    }

    /** The decoded, non-empty path segments. */
    List<String> segments() {
        return segments;
    }

    /** The raw query string, or {@code null}. */
    String rawQuery() {
        return rawQuery;
    }

    String header(String name) {
        return headers.getFirst(name);
    }

    byte[] body() {
        return body;
    }

    /** The body as UTF-8 text, or {@code null} when empty. */
    String bodyText() {
        return body.length == 0 ? null : new String(body, StandardCharsets.UTF_8);
    }

    /**
     * The first value of a query parameter.
     *
     * @return the decoded value, or {@code null} when absent
     */
    String queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The body as a JSON object; 400 {@code invalid_json} when it is empty, malformed or not an object. */
    JsonNode jsonObject() {
        if (body.length == 0) {
            throw ApiError.invalidJson("The request body is empty; send a JSON object with Content-Type: "
                    + "application/json.");
        }
        JsonNode node;
        try {
            node = FonellaJson.mapper().readTree(body);
        } catch (JacksonException e) {
            throw ApiError.invalidJson("The request body is not valid JSON: " + e.getOriginalMessage() + ".");
        }
        if (node == null || !node.isObject()) {
            throw ApiError.invalidJson("The request body must be a JSON object, but was "
                    + (node == null ? "empty" : "a JSON " + node.getNodeType().name().toLowerCase(Locale.ROOT))
                    + ".");
        }
        return node;
    }

    /**
     * The body read as a wire model; 400 {@code invalid_json} for unreadable JSON, 400
     * {@code validation_error} naming the field for a value of the wrong JSON type.
     */
    <T> T bodyAs(Class<T> type) {
        JsonNode node = jsonObject();
        try {
            return FonellaJson.mapper().treeToValue(node, type);
        } catch (DatabindException e) {
            String field = fieldPath(e);
            throw ApiError.badRequest((field.isEmpty() ? "A field" : field) + " has the wrong JSON type: "
                    + e.getOriginalMessage() + ".");
        } catch (JacksonException e) {
            throw ApiError.invalidJson("The request body cannot be read: " + e.getOriginalMessage() + ".");
        }
    }

    private static String fieldPath(DatabindException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static List<String> segments(String rawPath) {
        List<String> result = new ArrayList<>();
        for (String segment : rawPath.split("/")) {
            if (!segment.isEmpty()) {
                result.add(decode(segment.replace("+", "%2B")));
            }
        }
        return Collections.unmodifiableList(result);
    }

    private static Map<String, List<String>> parseQuery(String rawQuery) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return result;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            result.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return result;
    }

    /** Percent-decodes; a malformed escape is kept as it was, so it simply matches nothing. */
    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }
}
