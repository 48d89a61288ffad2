package ai.fonella.tool;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns the query parameters of a {@code GET} tool call into the JSON arguments object, converting
 * each value to the type the tool's schema declares: numbers and booleans from their text, arrays
 * from repeated parameters, objects from JSON text, everything else as
 * text. An unknown parameter is kept as text, so that the schema check names it as it names an
 * unknown JSON property. Compiled once per tool.
 */
final class QueryArguments {

    private enum Kind { STRING, INTEGER, NUMBER, BOOLEAN, OBJECT, ARRAY, ANY }

    private record Property(Kind kind, Kind itemKind) {
    }

    /** The longest number text read, as for JSON bodies. */
    private static final int MAX_NUMBER_LENGTH = 1000;

    private final Map<String, Property> properties;

    private QueryArguments(Map<String, Property> properties) {
        this.properties = properties;
    }

    /**
     * Compiles the conversion for an input schema.
     *
     * @param inputSchema the tool's input schema
     * @return the conversion
     */
    static QueryArguments compile(JsonNode inputSchema) {
        Map<String, Property> properties = new HashMap<>();
        JsonNode props = inputSchema.get("properties");
        if (props != null) {
            for (Map.Entry<String, JsonNode> entry : props.properties()) {
                JsonNode schema = resolve(entry.getValue(), inputSchema);
                Kind kind = kind(schema);
                Kind itemKind = kind == Kind.ARRAY ? kind(resolve(schema.get("items"), inputSchema)) : null;
                properties.put(entry.getKey(), new Property(kind, itemKind));
            }
        }
        return new QueryArguments(properties);
    }

    /**
     * Narrows the input schema of a {@code GET} tool to what a query string can carry: an empty list
     * has no parameter to send, so each top-level list has at least one item.
     *
     * @param inputSchema the tool's input schema, changed in place
     */
    static void narrowToQuery(ObjectNode inputSchema) {
        JsonNode properties = inputSchema.get("properties");
        if (properties == null) {
            return;
        }
        for (Map.Entry<String, JsonNode> entry : properties.properties()) {
            JsonNode schema = resolve(entry.getValue(), inputSchema);
            if (kind(schema) == Kind.ARRAY && entry.getValue() instanceof ObjectNode property
                    && property.path("minItems").asInt(0) < 1) {
                property.put("minItems", 1);
            }
        }
    }

    /**
     * Converts query parameters.
     *
     * @param parameters parameter name to values
     * @return the arguments object
     * @throws ToolArgumentException when an object-valued parameter is not JSON
     */
    public ObjectNode convert(Map<String, List<String>> parameters) {
        ObjectNode arguments = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, List<String>> entry : parameters.entrySet()) {
            Property property = properties.get(entry.getKey());
            List<String> values = entry.getValue();
            if (values == null || values.isEmpty()) {
                continue;
            }
            if (property == null) {
                arguments.put(entry.getKey(), values.get(0)); // unknown: the schema check names it
                continue;
            }
            String name = entry.getKey();
            if (property.kind() == Kind.ARRAY) {
                // repeated parameters, one per element, as the wire contract says; never one JSON
                // array text as well, which a single element that starts with '[' would be mistaken for
                ArrayNode array = arguments.putArray(name);
                for (String value : values) {
                    array.add(scalar(name, property.itemKind(), value));
                }
            } else {
                arguments.set(name, scalar(name, property.kind(), values.get(0)));
            }
        }
        return arguments;
    }

    private JsonNode scalar(String name, Kind kind, String value) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (value == null) {
            return nodes.nullNode();
        }
        String text = value.strip();
        switch (kind) {
            case INTEGER:
                if (text.length() > MAX_NUMBER_LENGTH) {
                    return nodes.stringNode(value);
                }
                try {
                    BigDecimal number = new BigDecimal(text);
                    if (number.signum() == 0 || number.stripTrailingZeros().scale() <= 0) {
                        BigInteger whole = number.toBigIntegerExact(); // 5, 5.0 and 5E0 alike, as in JSON
                        if (whole.bitLength() < 32) {
                            return nodes.numberNode(whole.intValue());
                        }
                        return whole.bitLength() < 64 ? nodes.numberNode(whole.longValue()) : nodes.numberNode(whole);
                    }
                    return nodes.numberNode(number); // a fraction: the schema check names it
                } catch (NumberFormatException | ArithmeticException e) {
                    return nodes.stringNode(value); // the schema check reports the mismatch with the expected type
                }
            case NUMBER:
                if (text.length() > MAX_NUMBER_LENGTH) {
                    return nodes.stringNode(value);
                }
                try {
                    return nodes.numberNode(new BigDecimal(text));
                } catch (NumberFormatException e) {
                    return nodes.stringNode(value);
                }
            case BOOLEAN:
                String lower = text.toLowerCase(Locale.ROOT);
                return lower.equals("true") || lower.equals("false") ? nodes.booleanNode(lower.equals("true"))
                        : nodes.stringNode(value);
            case OBJECT:
            case ARRAY:
                return parse(name, value);
            default:
                return nodes.stringNode(value);
        }
    }

    private JsonNode parse(String name, String value) {
        try {
            return ToolJson.readValue(value);
        } catch (ToolArgumentException e) {
            throw new ToolArgumentException(name, "The argument '" + name + "' must be JSON text.", e);
        }
    }

    private static Kind kind(JsonNode schema) {
        if (schema == null) {
            return Kind.ANY;
        }
        JsonNode type = schema.get("type");
        if (type == null || !type.isString()) {
            return schema.has("properties") || schema.has("additionalProperties") ? Kind.OBJECT : Kind.ANY;
        }
        return switch (type.stringValue()) {
            case "string" -> Kind.STRING;
            case "integer" -> Kind.INTEGER;
            case "number" -> Kind.NUMBER;
            case "boolean" -> Kind.BOOLEAN;
            case "object" -> Kind.OBJECT;
            case "array" -> Kind.ARRAY;
            default -> Kind.ANY;
        };
    }

    private static JsonNode resolve(JsonNode schema, JsonNode root) {
        JsonNode current = schema;
        for (int depth = 0; depth < 16 && current != null && current.has("$ref"); depth++) {
            String pointer = current.get("$ref").stringValue();
            if (pointer.equals("#")) {
                current = root;
            } else if (pointer.startsWith("#/$defs/") && root.has("$defs")) {
                current = root.get("$defs").get(pointer.substring("#/$defs/".length()));
            } else {
                return null;
            }
        }
        return current;
    }
}
