package ai.fonella.reliability;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Generates JSON instances that are valid under a tool's input schema (the subset of JSON Schema
 * 2020-12 that {@code ToolSchemaGenerator} emits: {@code type}, {@code enum}, {@code format},
 * {@code properties}, {@code required}, {@code items}, {@code additionalProperties} and
 * {@code $ref} into {@code $defs}), and lists the places where an instance can be broken.
 */
final class SchemaInstances {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

    /** A value in a generated instance: where it is, its (resolved) schema, and whether it is required. */
    record Slot(String path, ObjectNode parent, String property, ArrayNode array, int index, JsonNode schema,
            boolean required) {

        /** Replaces the value at this slot. */
        void set(JsonNode value) {
            if (parent != null) {
                parent.set(property, value);
            } else {
                array.set(index, value);
            }
        }

        /** Removes the property at this slot. */
        void remove() {
            parent.remove(property);
        }
    }

    private final JsonNode root;
    private final SplittableRandom random;

    SchemaInstances(JsonNode root, SplittableRandom random) {
        this.root = root;
        this.random = random;
    }

    /**
     * A valid instance of the schema.
     *
     * @param schema the (sub)schema
     * @param depth the nesting depth so far, to bound recursive schemas
     * @return the instance
     */
    JsonNode valid(JsonNode schema, int depth) {
        JsonNode resolved = resolve(schema);
        JsonNode values = resolved.get("enum");
        if (values != null) {
            return values.get(random.nextInt(values.size())).deepCopy();
        }
        String type = resolved.path("type").asString("");
        return switch (type) {
            case "object" -> object(resolved, depth);
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                int size = depth > 3 ? 0 : random.nextInt(4);
                for (int i = 0; i < size; i++) {
                    array.add(valid(resolved.get("items"), depth + 1));
                }
                yield array;
            }
            case "integer" -> switch (random.nextInt(4)) {
                case 0 -> NODES.numberNode(random.nextInt(-3, 4));
                // the schema carries no Java range; stay within int, the narrowest integer parameter type
                default -> NODES.numberNode(random.nextInt());
            };
            case "number" -> switch (random.nextInt(3)) {
                case 0 -> NODES.numberNode(random.nextInt(-1000, 1000));
                case 1 -> NODES.numberNode(new BigDecimal(random.nextLong(-1_000_000_000L, 1_000_000_000L))
                        .movePointLeft(random.nextInt(0, 6)));
                default -> NODES.numberNode(random.nextDouble(-1e6, 1e6));
            };
            case "boolean" -> NODES.booleanNode(random.nextBoolean());
            case "string" -> NODES.stringNode(string(resolved.path("format").asString("")));
            default -> throw new IllegalStateException("The generator does not know schema " + resolved);
        };
    }

    private ObjectNode object(JsonNode schema, int depth) {
        ObjectNode object = NODES.objectNode();
        JsonNode properties = schema.get("properties");
        if (properties != null) {
            for (Map.Entry<String, JsonNode> property : properties.properties()) {
                if (isRequired(schema, property.getKey()) || (depth < 4 && random.nextBoolean())) {
                    object.set(property.getKey(), valid(property.getValue(), depth + 1));
                }
            }
        }
        JsonNode additional = schema.get("additionalProperties");
        if (additional != null && additional.isObject()) {
            int size = depth > 3 ? 0 : random.nextInt(4);
            for (int i = 0; i < size; i++) {
                object.set("k" + random.nextInt(1000) + Generators.text(random, 4), valid(additional, depth + 1));
            }
        }
        return object;
    }

    private String string(String format) {
        return switch (format) {
            case "date" -> LocalDate.ofEpochDay(random.nextLong(LocalDate.of(1, 1, 1).toEpochDay(),
                    LocalDate.of(9999, 12, 31).toEpochDay())).toString();
            // RFC 3339 full-time and date-time always carry seconds
            case "time" -> LocalTime.ofSecondOfDay(random.nextInt(86_400)).format(TIME);
            case "date-time" -> OffsetDateTime.of(LocalDate.ofEpochDay(random.nextLong(-10_000, 50_000))
                    .atTime(LocalTime.ofSecondOfDay(random.nextInt(86_400))),
                    ZoneOffset.ofTotalSeconds(random.nextInt(-12, 13) * 3600)).format(DATE_TIME);
            case "uuid" -> new UUID(random.nextLong(), random.nextLong()).toString();
            default -> Generators.text(random, 40);
        };
    }

    /**
     * Every value inside an instance with its schema, depth first.
     *
     * @param instance the instance
     * @param schema its schema
     * @return the slots, the root excluded
     */
    List<Slot> slots(JsonNode instance, JsonNode schema) {
        List<Slot> slots = new ArrayList<>();
        collect(instance, resolve(schema), "", slots);
        return slots;
    }

    private void collect(JsonNode instance, JsonNode schema, String path, List<Slot> slots) {
        if (instance instanceof ObjectNode object) {
            JsonNode properties = schema.get("properties");
            JsonNode additional = schema.get("additionalProperties");
            for (String name : List.copyOf(object.propertyNames())) {
                JsonNode propertySchema = properties != null && properties.has(name) ? properties.get(name)
                        : additional != null && additional.isObject() ? additional : null;
                if (propertySchema == null) {
                    continue;
                }
                String childPath = path.isEmpty() ? name : path + "." + name;
                JsonNode resolved = resolve(propertySchema);
                slots.add(new Slot(childPath, object, name, null, -1, resolved, isRequired(schema, name)));
                collect(object.get(name), resolved, childPath, slots);
            }
        } else if (instance instanceof ArrayNode array) {
            JsonNode items = resolve(schema.get("items"));
            for (int i = 0; i < array.size(); i++) {
                String childPath = path + "[" + i + "]";
                slots.add(new Slot(childPath, null, null, array, i, items, false));
                collect(array.get(i), items, childPath, slots);
            }
        }
    }

    private static boolean isRequired(JsonNode schema, String name) {
        JsonNode required = schema.get("required");
        if (required != null) {
            for (JsonNode each : required) {
                if (each.asString().equals(name)) {
                    return true;
                }
            }
        }
        return false;
    }

    JsonNode resolve(JsonNode schema) {
        JsonNode current = schema;
        while (current != null && current.has("$ref")) {
            String ref = current.get("$ref").asString();
            current = ref.equals("#") ? root : root.get("$defs").get(ref.substring("#/$defs/".length()));
        }
        return current;
    }
}
