package ai.fonella.tool;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The arguments of one tool call, as they arrived: a JSON object (the body of a {@code POST}), or
 * query parameters (a {@code GET}). Binding to parameters happens in {@link ToolInvoker}.
 *
 * <p>Every JSON form is read by the one argument reader: UTF-8 only (malformed sequences such as
 * overlong forms are refused, never repaired), numbers exact (a {@code BigDecimal} parameter gets
 * {@code 12345678901234567890.12} digit for digit), a property repeated at any depth refused, nothing
 * after the object. {@link #parse(byte[])} reads eagerly, so an HTTP layer can answer {@code 400}
 * before invoking; the other JSON factories read when the tool is invoked, and a failure is then a
 * {@link ToolOutcome.Status#BAD_ARGUMENTS} outcome.
 */
public final class ToolArguments {

    /** How the arguments are held. */
    enum Kind { BYTES, TREE, QUERY }

    private static final ToolArguments NONE = new ToolArguments(Kind.TREE, null);

    private final Kind kind;
    private final Object value;

    private ToolArguments(Kind kind, Object value) {
        this.kind = kind;
        this.value = value;
    }

    /**
     * Reads a {@code POST} body now, with the one argument reader.
     *
     * @param body the raw body, UTF-8 JSON; empty (or blank, or JSON {@code null}) means no arguments
     * @return the arguments
     * @throws ToolArgumentException with no argument name when the body cannot be arguments: not
     *     JSON, not valid UTF-8, a property repeated at any depth, or a JSON value that is not an
     *     object. The message says what is wrong in words a caller can act on, without library names.
     */
    public static ToolArguments parse(byte[] body) {
        Objects.requireNonNull(body, "body");
        return body.length == 0 ? NONE : new ToolArguments(Kind.TREE, ToolJson.readArguments(body));
    }

    /**
     * Arguments as a UTF-8 JSON body, read when the tool is invoked. An empty body counts as no
     * arguments.
     *
     * @param body the bytes; not copied, do not change them afterwards
     * @return the arguments
     */
    public static ToolArguments json(byte[] body) {
        return new ToolArguments(Kind.BYTES, Objects.requireNonNull(body, "body"));
    }

    /**
     * Arguments as JSON text. Blank text counts as no arguments.
     *
     * @param json the JSON object text
     * @return the arguments
     */
    public static ToolArguments json(String json) {
        return new ToolArguments(Kind.BYTES, Objects.requireNonNull(json, "json").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Arguments as a parsed JSON object, e.g. the {@code arguments} of a {@code call.tool_call} event.
     *
     * @param arguments the object; {@code null} or a JSON {@code null} counts as no arguments
     * @return the arguments
     */
    public static ToolArguments json(JsonNode arguments) {
        return new ToolArguments(Kind.TREE, arguments);
    }

    /**
     * Arguments as the query parameters of a {@code GET}: each value is converted to the type the
     * schema declares (numbers, booleans), repeated parameters form arrays, and object-valued
     * arguments are parsed from JSON text.
     *
     * @param parameters parameter name to values, e.g. from the servlet request
     * @return the arguments
     */
    public static ToolArguments query(Map<String, List<String>> parameters) {
        return new ToolArguments(Kind.QUERY, Objects.requireNonNull(parameters, "parameters"));
    }

    /**
     * The query string Fonella sends for a {@code GET} tool, the inverse of {@link #query(Map)}:
     * scalars as text, arrays as repeated parameters, objects as compact JSON text, {@code null}
     * values left out, names and values percent-encoded as UTF-8 ({@code %20} for spaces).
     *
     * @param arguments the arguments object; {@code null} or an empty object gives {@code ""}
     * @return e.g. {@code region=north&tags=a&tags=b}, without a leading {@code ?}
     */
    public static String queryString(JsonNode arguments) {
        StringBuilder query = new StringBuilder();
        if (arguments != null && arguments.isObject()) {
            for (Map.Entry<String, JsonNode> field : arguments.properties()) {
                if (field.getValue().isArray()) {
                    for (JsonNode element : field.getValue()) {
                        appendParameter(query, field.getKey(), element);
                    }
                } else {
                    appendParameter(query, field.getKey(), field.getValue());
                }
            }
        }
        return query.toString();
    }

    private static void appendParameter(StringBuilder query, String name, JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return;
        }
        String text = value.isValueNode() ? value.asString() : value.toString();
        if (query.length() > 0) {
            query.append('&');
        }
        query.append(encode(name)).append('=').append(encode(text));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * No arguments at all, as for a tool without parameters.
     *
     * @return the empty arguments
     */
    public static ToolArguments none() {
        return NONE;
    }

    /**
     * The arguments object, read and converted as the tool's schema says.
     *
     * @param query the conversion of {@code GET} query parameters
     * @return the object
     * @throws ToolArgumentException when the arguments cannot be read
     */
    @SuppressWarnings("unchecked")
    ObjectNode object(QueryArguments query) {
        return switch (kind) {
            case BYTES -> ToolJson.readArguments((byte[]) value);
            case TREE -> ToolJson.requireObject((JsonNode) value);
            case QUERY -> query.convert((Map<String, List<String>>) value);
        };
    }

    /** Describes the kind and size only, never the argument values. */
    @Override
    public String toString() {
        return switch (kind) {
            case BYTES -> "ToolArguments[json, " + ((byte[]) value).length + " bytes]";
            case TREE -> "ToolArguments[json tree]";
            case QUERY -> "ToolArguments[query " + ((Map<?, ?>) value).keySet() + "]";
        };
    }
}
