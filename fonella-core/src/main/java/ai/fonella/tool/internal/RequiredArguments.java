package ai.fonella.tool.internal;

import ai.fonella.tool.ToolArgumentException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Checks that nested required arguments are present, following the tool's own input schema, so that
 * a missing property is reported by name before Jackson silently binds {@code null}; that every
 * value the schema declares an {@code integer} is a whole number, so that Jackson does not silently
 * truncate {@code 1.5} to {@code 1} ({@code 2.0} is a whole number and binds as {@code 2}); and that
 * dates, times, date-times and durations arrive as text, as the schema declares them, so that Jackson
 * does not read a number as epoch days or seconds ({@code 20261124} as the year 57443). Compiled once
 * per tool. Not part of the public API.
 */
public abstract class RequiredArguments {

    private RequiredArguments() {
    }

    /**
     * Throws when a required property below {@code value} is missing or {@code null}.
     *
     * @param value the JSON value for the schema this check was compiled from
     * @param path the argument path of {@code value}, empty for the root
     * @throws ToolArgumentException naming the missing argument
     */
    public abstract void check(JsonNode value, String path);

    /**
     * Compiles the check for a schema.
     *
     * @param schema the (sub)schema, e.g. one property of the input schema
     * @param root the input schema, to resolve {@code $ref}
     * @return the check, or {@code null} when there is nothing to check
     */
    public static RequiredArguments compile(JsonNode schema, JsonNode root) {
        return compile(schema, root, new HashMap<>());
    }

    /**
     * The message for an integer argument with a fractional part.
     *
     * @param path the argument path
     * @return the exception
     */
    public static ToolArgumentException notWhole(String path) {
        return new ToolArgumentException(path, "The argument '" + path + "' must be a whole number.", null);
    }

    /**
     * The message for a missing argument.
     *
     * @param path the argument path
     * @return the exception
     */
    public static ToolArgumentException missing(String path) {
        return new ToolArgumentException(path, "The argument '" + path + "' is missing.", null);
    }

    private static RequiredArguments compile(JsonNode schema, JsonNode root, Map<String, Ref> refs) {
        if (schema == null || !schema.isObject()) {
            return null;
        }
        JsonNode ref = schema.get("$ref");
        if (ref != null && ref.isString()) {
            String pointer = ref.stringValue();
            Ref existing = refs.get(pointer);
            if (existing != null) {
                return existing;
            }
            Ref created = new Ref();
            refs.put(pointer, created);
            created.target = compile(resolve(pointer, root), root, refs);
            return created;
        }
        JsonNode properties = schema.get("properties");
        if (properties != null && properties.isObject()) {
            JsonNode requiredNode = schema.get("required");
            List<String> names = new ArrayList<>();
            List<Boolean> required = new ArrayList<>();
            List<RequiredArguments> children = new ArrayList<>();
            for (Map.Entry<String, JsonNode> property : properties.properties()) {
                boolean isRequired = false;
                if (requiredNode != null) {
                    for (JsonNode r : requiredNode) {
                        isRequired |= property.getKey().equals(r.stringValue());
                    }
                }
                RequiredArguments child = compile(property.getValue(), root, refs);
                if (isRequired || child != null) {
                    names.add(property.getKey());
                    required.add(isRequired);
                    children.add(child);
                }
            }
            return names.isEmpty() ? null : new ObjectCheck(names, required, children);
        }
        RequiredArguments items = compile(schema.get("items"), root, refs);
        if (items != null) {
            return new ArrayCheck(items);
        }
        RequiredArguments values = compile(schema.get("additionalProperties"), root, refs);
        if (values != null) {
            return new MapCheck(values);
        }
        JsonNode type = schema.get("type");
        if (type != null && type.isString() && type.stringValue().equals("integer")) {
            return WholeNumberCheck.INSTANCE;
        }
        JsonNode format = schema.get("format");
        if (type != null && type.isString() && type.stringValue().equals("string") && format != null
                && format.isString() && TextCheck.TEMPORAL.containsKey(format.stringValue())) {
            return new TextCheck(ArgumentMessages.expected(TextCheck.TEMPORAL.get(format.stringValue()), null));
        }
        return null;
    }

    private static JsonNode resolve(String pointer, JsonNode root) {
        if (pointer.equals("#")) {
            return root;
        }
        if (pointer.startsWith("#/$defs/")) {
            JsonNode defs = root.get("$defs");
            return defs == null ? null : defs.get(pointer.substring("#/$defs/".length()));
        }
        return null;
    }

    static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static final class Ref extends RequiredArguments {
        private RequiredArguments target;

        @Override
        public void check(JsonNode value, String path) {
            if (target != null) {
                target.check(value, path);
            }
        }
    }

    private static final class ObjectCheck extends RequiredArguments {
        private final String[] names;
        private final boolean[] required;
        private final RequiredArguments[] children;

        ObjectCheck(List<String> names, List<Boolean> required, List<RequiredArguments> children) {
            this.names = names.toArray(String[]::new);
            this.required = new boolean[required.size()];
            for (int i = 0; i < this.required.length; i++) {
                this.required[i] = required.get(i);
            }
            this.children = children.toArray(RequiredArguments[]::new);
        }

        @Override
        public void check(JsonNode value, String path) {
            if (!value.isObject()) {
                return; // a type mismatch: Jackson reports it with the expected type
            }
            for (int i = 0; i < names.length; i++) {
                JsonNode property = value.get(names[i]);
                if (property == null || property.isNull()) {
                    if (required[i]) {
                        throw missing(join(path, names[i]));
                    }
                } else if (children[i] != null) {
                    children[i].check(property, join(path, names[i]));
                }
            }
        }
    }

    private static final class WholeNumberCheck extends RequiredArguments {
        static final WholeNumberCheck INSTANCE = new WholeNumberCheck();

        @Override
        public void check(JsonNode value, String path) {
            if (value.isNumber() && !value.isIntegralNumber() && !isWhole(value)) {
                throw notWhole(path);
            }
        }

        private static boolean isWhole(JsonNode number) {
            if (number.isBigDecimal()) {
                return number.decimalValue().stripTrailingZeros().scale() <= 0;
            }
            double value = number.doubleValue();
            return Double.isFinite(value) && value == Math.rint(value);
        }
    }

    private static final class TextCheck extends RequiredArguments {
        /** The formats whose Java types Jackson would also read from numbers (epoch days, seconds). */
        static final Map<String, Class<?>> TEMPORAL = Map.of("date", java.time.LocalDate.class,
                "time", java.time.LocalTime.class, "date-time", java.time.OffsetDateTime.class,
                "duration", java.time.Duration.class);

        private final String expected;

        TextCheck(String expected) {
            this.expected = expected;
        }

        @Override
        public void check(JsonNode value, String path) {
            if (!value.isString()) {
                throw new ToolArgumentException(path, "The argument '" + path + "' must be " + expected + ".", null);
            }
        }
    }

    private static final class ArrayCheck extends RequiredArguments {
        private final RequiredArguments items;

        ArrayCheck(RequiredArguments items) {
            this.items = items;
        }

        @Override
        public void check(JsonNode value, String path) {
            if (value.isArray()) {
                for (int i = 0; i < value.size(); i++) {
                    JsonNode item = value.get(i);
                    if (item != null && !item.isNull()) {
                        items.check(item, path + "[" + i + "]");
                    }
                }
            }
        }
    }

    private static final class MapCheck extends RequiredArguments {
        private final RequiredArguments values;

        MapCheck(RequiredArguments values) {
            this.values = values;
        }

        @Override
        public void check(JsonNode value, String path) {
            if (value.isObject()) {
                for (Map.Entry<String, JsonNode> entry : value.properties()) {
                    if (!entry.getValue().isNull()) {
                        values.check(entry.getValue(), join(path, entry.getKey()));
                    }
                }
            }
        }
    }
}
