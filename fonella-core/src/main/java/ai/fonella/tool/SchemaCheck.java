package ai.fonella.tool;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeType;

/**
 * Checks an argument against the tool's own input schema before Jackson binds it, so that what the
 * schema refuses is refused with a sentence naming the argument, and Jackson's leniencies (text
 * coerced to numbers, case-insensitive enums, {@code 1.5} truncated to {@code 1}, a number read as
 * epoch days, an unknown property ignored, {@code null} taken as absent) never admit what the schema
 * does not. Covers every keyword the generator emits: {@code type}, {@code enum}, {@code required},
 * {@code properties} with {@code additionalProperties}, {@code items}, {@code uniqueItems},
 * {@code minimum}, {@code maximum}, {@code exclusiveMinimum}, {@code exclusiveMaximum},
 * {@code minLength}, {@code maxLength} (in code points), {@code pattern} (found anywhere, as JSON
 * Schema says), {@code minItems}, {@code maxItems}, {@code minProperties}, {@code maxProperties},
 * {@code format} ({@code date}, {@code time}, {@code date-time}, {@code duration}, {@code uuid} per
 * RFC 3339 and RFC 4122) and {@code $ref}. Compiled once per tool; thread-safe.
 */
abstract class SchemaCheck {

    /** RFC 3339 full-date, full-time and date-time; T and Z in either case. */
    private static final String FULL_DATE = "[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])";
    private static final String FULL_TIME = "([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\\.[0-9]+)?"
            + "([zZ]|[+-]([01][0-9]|2[0-3]):[0-5][0-9])";
    /** RFC 3339 appendix A (ISO 8601 durations): years, months, weeks, days, hours, minutes, seconds. */
    private static final String DURATION = "P(([0-9]+Y([0-9]+M([0-9]+D)?)?|[0-9]+M([0-9]+D)?|[0-9]+D)"
            + "(T([0-9]+H([0-9]+M([0-9]+S)?)?|[0-9]+M([0-9]+S)?|[0-9]+S))?"
            + "|T([0-9]+H([0-9]+M([0-9]+S)?)?|[0-9]+M([0-9]+S)?|[0-9]+S)|[0-9]+W)";
    private static final Map<String, String> FORMAT_REGEXES = Map.of(
            "date", FULL_DATE,
            "time", FULL_TIME,
            "date-time", FULL_DATE + "[tT]" + FULL_TIME,
            "duration", DURATION,
            "uuid", "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    /** Compiled when a schema first uses the format: each costs a start that uses none of them. */
    private static final Map<String, Pattern> FORMATS = new ConcurrentHashMap<>();
    private static final Map<String, String> FORMAT_WORDS = Map.of(
            "date", "a date like 2026-11-24",
            "time", "a time with offset like 14:30:00+01:00",
            "date-time", "a date and time with offset like 2026-11-24T14:30:00Z",
            "duration", "an ISO 8601 duration like PT15M",
            "uuid", "a UUID");

    private SchemaCheck() {
    }

    /**
     * Throws when {@code value} breaks the schema this check was compiled from.
     *
     * @param value the JSON value, never {@code null} or JSON {@code null}
     * @param path the argument path of {@code value}, empty for the whole arguments object
     * @throws ToolArgumentException naming the argument
     */
    abstract void check(JsonNode value, String path);

    /**
     * As {@link #check(JsonNode, String)} for the property {@code name} of the object at
     * {@code parent}; builds the property's path only when it is needed.
     */
    void check(JsonNode value, String parent, String name) {
        check(value, join(parent, name));
    }

    /**
     * Compiles the check for a schema.
     *
     * @param schema the (sub)schema, e.g. one property of the input schema
     * @param root the input schema, to resolve {@code $ref}
     * @return the check, or {@code null} when there is nothing to check
     */
    static SchemaCheck compile(JsonNode schema, JsonNode root) {
        return compile(schema, root, new HashMap<>());
    }

    static ToolArgumentException missing(String path) {
        return new ToolArgumentException(path, "The argument '" + path + "' is missing.", null);
    }

    static ToolArgumentException isNull(String path) {
        return new ToolArgumentException(path, "The argument '" + path + "' must not be null; leave it out when "
                + "there is no value.", null);
    }

    static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static SchemaCheck compile(JsonNode schema, JsonNode root, Map<String, Ref> refs) {
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
        return new Keywords(schema, root, refs);
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

    private static final class Ref extends SchemaCheck {
        private SchemaCheck target;

        @Override
        void check(JsonNode value, String path) {
            if (target != null) {
                target.check(value, path);
            }
        }

        @Override
        void check(JsonNode value, String parent, String name) {
            if (target != null) {
                target.check(value, parent, name);
            }
        }
    }

    /** The keywords of one schema object. */
    private static final class Keywords extends SchemaCheck {
        private final String type;
        private final String expected;
        private final Set<JsonNode> enumValues;
        private final String enumWords;
        private final BigDecimal minimum;
        private final BigDecimal maximum;
        private final BigDecimal exclusiveMinimum;
        private final BigDecimal exclusiveMaximum;
        /** The bounds as whole numbers within {@code long}, for checking whole numbers quickly. */
        private final long lowestLong;
        private final long highestLong;
        private final int minLength;
        private final int maxLength;
        private final Pattern pattern;
        private final Pattern format;
        private final String formatWords;
        private final int minItems;
        private final int maxItems;
        private final boolean uniqueItems;
        private final Map<String, SchemaCheck> properties;
        private final String[] propertyNames;
        private final SchemaCheck[] propertyChecks;
        private final boolean[] propertyRequired;
        private final Set<String> required;
        private final boolean closed;
        private final SchemaCheck items;
        private final SchemaCheck additional;
        private final int minProperties;
        private final int maxProperties;
        /** The common kinds a value can be accepted for at once, without the general walk. */
        private final Quick quick;
        private final Set<String> enumTexts;

        private enum Quick { NONE, TEXT, WHOLE, BOOLEAN }

        Keywords(JsonNode schema, JsonNode root, Map<String, Ref> refs) {
            JsonNode typeNode = schema.get("type");
            this.type = typeNode != null && typeNode.isString() ? typeNode.stringValue() : null;
            this.minimum = decimal(schema, "minimum");
            this.maximum = decimal(schema, "maximum");
            this.exclusiveMinimum = decimal(schema, "exclusiveMinimum");
            this.exclusiveMaximum = decimal(schema, "exclusiveMaximum");
            this.expected = expected(type, minimum, maximum);
            BigDecimal lowest = lowest(minimum, exclusiveMinimum);
            BigDecimal highest = highest(maximum, exclusiveMaximum);
            BigDecimal longMin = BigDecimal.valueOf(Long.MIN_VALUE);
            BigDecimal longMax = BigDecimal.valueOf(Long.MAX_VALUE);
            if (lowest != null && lowest.compareTo(longMax) > 0 || highest != null && highest.compareTo(longMin) < 0) {
                this.lowestLong = 1; // no whole number within long is in range: never take the quick way
                this.highestLong = 0;
            } else {
                this.lowestLong = lowest == null ? Long.MIN_VALUE : lowest.max(longMin).longValue();
                this.highestLong = highest == null ? Long.MAX_VALUE : highest.min(longMax).longValue();
            }
            JsonNode enumNode = schema.get("enum");
            if (enumNode != null && enumNode.isArray()) {
                this.enumValues = new HashSet<>();
                StringJoiner words = new StringJoiner(", ", "one of: ", "");
                for (JsonNode value : enumNode) {
                    enumValues.add(value);
                    words.add(value.isString() ? value.stringValue() : value.toString());
                }
                this.enumWords = words.toString();
            } else {
                this.enumValues = null;
                this.enumWords = null;
            }
            this.minLength = integer(schema, "minLength", 0);
            this.maxLength = integer(schema, "maxLength", Integer.MAX_VALUE);
            JsonNode patternNode = schema.get("pattern");
            Pattern compiled = null;
            if (patternNode != null && patternNode.isString()) {
                try {
                    compiled = Pattern.compile(patternNode.stringValue());
                } catch (PatternSyntaxException e) {
                    throw new IllegalStateException("The schema pattern " + patternNode + " is not a regular "
                            + "expression Java can match; fix the @Pattern of the tool parameter.", e);
                }
            }
            this.pattern = compiled;
            JsonNode formatNode = schema.get("format");
            String formatName = formatNode != null && formatNode.isString() ? formatNode.stringValue() : null;
            String formatRegex = formatName == null ? null : FORMAT_REGEXES.get(formatName);
            this.format = formatRegex == null ? null
                    : FORMATS.computeIfAbsent(formatName, name -> Pattern.compile(formatRegex));
            this.formatWords = formatName == null ? null : FORMAT_WORDS.get(formatName);
            this.minItems = integer(schema, "minItems", 0);
            this.maxItems = integer(schema, "maxItems", Integer.MAX_VALUE);
            this.uniqueItems = schema.has("uniqueItems") && schema.get("uniqueItems").asBoolean();
            this.minProperties = integer(schema, "minProperties", 0);
            this.maxProperties = integer(schema, "maxProperties", Integer.MAX_VALUE);
            JsonNode props = schema.get("properties");
            if (props != null && props.isObject()) {
                this.properties = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> property : props.properties()) {
                    properties.put(property.getKey(), SchemaCheck.compile(property.getValue(), root, refs));
                }
            } else {
                this.properties = null;
            }
            this.required = new HashSet<>();
            JsonNode requiredNode = schema.get("required");
            if (requiredNode != null) {
                for (JsonNode name : requiredNode) {
                    required.add(name.stringValue());
                }
            }
            JsonNode additionalNode = schema.get("additionalProperties");
            this.closed = additionalNode != null && additionalNode.isBoolean() && !additionalNode.booleanValue();
            this.additional = additionalNode != null && additionalNode.isObject()
                    ? SchemaCheck.compile(additionalNode, root, refs) : null;
            this.items = SchemaCheck.compile(schema.get("items"), root, refs);
            this.propertyNames = properties == null ? new String[0] : properties.keySet().toArray(String[]::new);
            this.propertyChecks = new SchemaCheck[propertyNames.length];
            this.propertyRequired = new boolean[propertyNames.length];
            for (int i = 0; i < propertyNames.length; i++) {
                propertyChecks[i] = properties.get(propertyNames[i]);
                propertyRequired[i] = required.contains(propertyNames[i]);
            }
            this.enumTexts = enumValues == null || !enumValues.stream().allMatch(JsonNode::isString) ? null
                    : enumValues.stream().map(JsonNode::stringValue).collect(Collectors.toUnmodifiableSet());
            boolean plainText = minLength == 0 && maxLength == Integer.MAX_VALUE && pattern == null && format == null;
            if ("string".equals(type) && plainText && (enumValues == null || enumTexts != null)) {
                this.quick = Quick.TEXT;
            } else if ("integer".equals(type) && enumValues == null && lowestLong <= highestLong) {
                this.quick = Quick.WHOLE;
            } else if ("boolean".equals(type) && enumValues == null) {
                this.quick = Quick.BOOLEAN;
            } else {
                this.quick = Quick.NONE;
            }
        }

        /**
         * Whether the value passes at once: text without constraints other than an enum, a whole
         * number within {@code long} and within the bounds, a boolean. Anything else takes the
         * general walk, which also says what is wrong.
         */
        private boolean accepts(JsonNode value) {
            JsonNodeType kind = value.getNodeType();
            switch (quick) {
                case TEXT:
                    return kind == JsonNodeType.STRING
                            && (enumTexts == null || enumTexts.contains(value.stringValue()));
                case WHOLE:
                    if (kind == JsonNodeType.NUMBER && value.isIntegralNumber() && value.canConvertToLong()) {
                        long whole = value.longValue();
                        return whole >= lowestLong && whole <= highestLong;
                    }
                    return false;
                case BOOLEAN:
                    return kind == JsonNodeType.BOOLEAN;
                default:
                    return false;
            }
        }

        @Override
        void check(JsonNode value, String parent, String name) {
            if (quick != Quick.NONE && accepts(value)) {
                return;
            }
            if (value.isContainer()) {
                check(value, join(parent, name));
                return;
            }
            try {
                check(value, name); // a scalar needs its full path only to say what is wrong with it
            } catch (ToolArgumentException refused) {
                check(value, join(parent, name));
            }
        }

        @Override
        void check(JsonNode value, String path) {
            if (quick != Quick.NONE && accepts(value)) {
                return;
            }
            JsonNodeType kind = value.getNodeType();
            if (kind == JsonNodeType.NULL) {
                throw isNull(path);
            }
            if (type != null && !hasType(value)) {
                throw fail(path, name(path) + " must be " + expected + ".");
            }
            if (enumValues != null && !enumValues.contains(value)) {
                throw fail(path, name(path) + " must be " + enumWords + ".");
            }
            switch (kind) {
                case NUMBER -> checkNumber(value, path);
                case STRING -> checkText(value.stringValue(), path);
                case ARRAY -> checkArray(value, path);
                case OBJECT -> checkObject(value, path);
                default -> {
                }
            }
        }

        private boolean hasType(JsonNode value) {
            return switch (type) {
                case "integer" -> value.isIntegralNumber() || value.isNumber()
                        && !((value.isDouble() || value.isFloat()) && !Double.isFinite(value.doubleValue()))
                        && value.decimalValue().stripTrailingZeros().scale() <= 0;
                case "number" -> value.isNumber();
                case "string" -> value.isString();
                case "boolean" -> value.isBoolean();
                case "array" -> value.isArray();
                case "object" -> value.isObject();
                default -> true;
            };
        }

        private void checkNumber(JsonNode value, String path) {
            if (minimum == null && maximum == null && exclusiveMinimum == null && exclusiveMaximum == null) {
                return;
            }
            if (value.isIntegralNumber() && value.canConvertToLong()) {
                long whole = value.longValue();
                if (whole >= lowestLong && whole <= highestLong) {
                    return; // the usual case, without a BigDecimal
                }
            } else if ((value.isDouble() || value.isFloat()) && !Double.isFinite(value.doubleValue())) {
                throw fail(path, name(path) + " must be a finite number.");
            }
            BigDecimal number = value.decimalValue();
            boolean range = type != null && type.equals("integer") && minimum != null && maximum != null;
            if (minimum != null && number.compareTo(minimum) < 0) {
                throw fail(path, name(path) + " must be " + (range ? expected : "at least " + minimum.toPlainString()) + ".");
            }
            if (maximum != null && number.compareTo(maximum) > 0) {
                throw fail(path, name(path) + " must be " + (range ? expected : "at most " + maximum.toPlainString()) + ".");
            }
            if (exclusiveMinimum != null && number.compareTo(exclusiveMinimum) <= 0) {
                throw fail(path, name(path) + " must be greater than " + exclusiveMinimum.toPlainString() + ".");
            }
            if (exclusiveMaximum != null && number.compareTo(exclusiveMaximum) >= 0) {
                throw fail(path, name(path) + " must be less than " + exclusiveMaximum.toPlainString() + ".");
            }
        }

        private void checkText(String text, String path) {
            int length = text.codePointCount(0, text.length());
            if (length < minLength) {
                throw fail(path, name(path) + (minLength == 1 ? " must not be empty." : " must have at least " + minLength
                        + " characters."));
            }
            if (length > maxLength) {
                throw fail(path, name(path) + " must have at most " + maxLength + " characters.");
            }
            if (format != null && !(format.matcher(text).matches() && validCalendar(text))) {
                throw fail(path, name(path) + " must be " + formatWords + ".");
            }
            if (pattern != null && !pattern.matcher(text).find()) {
                if (pattern.pattern().equals(JakartaSupport.NOT_BLANK_PATTERN)) {
                    throw fail(path, name(path) + " must not be blank.");
                }
                String words = FixedTypeDefinitions.PATTERN_WORDS.get(pattern.pattern());
                if (words != null) {
                    throw fail(path, name(path) + " must be " + words + ".");
                }
                throw fail(path, name(path) + " must match \"" + shown(pattern.pattern()) + "\".");
            }
        }

        /** Days that a month does not have (2026-02-30) pass the grammar, not the calendar. */
        private boolean validCalendar(String text) {
            if (text.length() < 10 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(0) == 'P') {
                return true;
            }
            try {
                LocalDate.of(Integer.parseInt(text.substring(0, 4)), Integer.parseInt(text.substring(5, 7)),
                        Integer.parseInt(text.substring(8, 10)));
                return true;
            } catch (DateTimeException | NumberFormatException e) {
                return false;
            }
        }

        private void checkArray(JsonNode array, String path) {
            if (array.size() < minItems) {
                throw fail(path, name(path) + " must have at least " + minItems + (minItems == 1 ? " item." : " items."));
            }
            if (array.size() > maxItems) {
                throw fail(path, name(path) + " must have at most " + maxItems + (maxItems == 1 ? " item." : " items."));
            }
            if (uniqueItems && new HashSet<>(array.valueStream().toList()).size() < array.size()) {
                throw fail(path, name(path) + " must not repeat an item.");
            }
            if (items != null) {
                for (int i = 0; i < array.size(); i++) {
                    items.check(array.get(i), path + "[" + i + "]");
                }
            }
        }

        private void checkObject(JsonNode object, String path) {
            if (object.size() < minProperties) {
                throw fail(path, name(path) + " must have at least " + minProperties + " entries.");
            }
            if (object.size() > maxProperties) {
                throw fail(path, name(path) + " must have at most " + maxProperties + " entries.");
            }
            int known = 0;
            for (int i = 0; i < propertyNames.length; i++) {
                JsonNode child = object.get(propertyNames[i]);
                if (child != null) {
                    known++;
                }
                if ((child == null || child.isNull()) && propertyRequired[i]) {
                    throw missing(join(path, propertyNames[i]));
                }
                if (child != null && propertyChecks[i] != null) {
                    propertyChecks[i].check(child, path, propertyNames[i]);
                }
            }
            if (known < object.size() && (closed || additional != null)) { // only then is anything unknown
                for (Map.Entry<String, JsonNode> entry : object.properties()) {
                    if (properties != null && properties.containsKey(entry.getKey())) {
                        continue;
                    }
                    String child = join(path, entry.getKey());
                    if (closed) {
                        throw new ToolArgumentException(child, "The argument '" + child + "' is not known here; "
                                + (properties == null || properties.isEmpty() ? "send no arguments"
                                : "send only " + String.join(", ", properties.keySet())) + ".", null);
                    }
                    additional.check(entry.getValue(), child);
                }
            }
        }

        /** A constraint's own expression, without the anchors the schema adds. */
        private static String shown(String pattern) {
            return pattern.startsWith("^(?:") && pattern.endsWith(")$")
                    ? pattern.substring(4, pattern.length() - 2) : pattern;
        }

        private static BigDecimal lowest(BigDecimal minimum, BigDecimal exclusiveMinimum) {
            BigDecimal lowest = null;
            if (minimum != null) {
                lowest = minimum.setScale(0, java.math.RoundingMode.CEILING);
            }
            if (exclusiveMinimum != null) {
                BigDecimal next = exclusiveMinimum.setScale(0, java.math.RoundingMode.FLOOR).add(BigDecimal.ONE);
                lowest = lowest == null ? next : lowest.max(next);
            }
            return lowest;
        }

        private static BigDecimal highest(BigDecimal maximum, BigDecimal exclusiveMaximum) {
            BigDecimal highest = null;
            if (maximum != null) {
                highest = maximum.setScale(0, java.math.RoundingMode.FLOOR);
            }
            if (exclusiveMaximum != null) {
                BigDecimal next = exclusiveMaximum.setScale(0, java.math.RoundingMode.CEILING).subtract(BigDecimal.ONE);
                highest = highest == null ? next : highest.min(next);
            }
            return highest;
        }

        /** Bounds with more digits than this (longer than a long's) are not spoken in full. */
        private static final int SPOKEN_DIGITS = 20;

        /** Who is refused, built only when something is. */
        private static String name(String path) {
            return path.isEmpty() ? "The arguments" : "The argument '" + path + "'";
        }

        private static ToolArgumentException fail(String path, String message) {
            return new ToolArgumentException(path.isEmpty() ? null : path, message, null);
        }

        private static String expected(String type, BigDecimal minimum, BigDecimal maximum) {
            if (type == null) {
                return "a JSON value";
            }
            return switch (type) {
                case "integer" -> minimum == null || maximum == null ? "a whole number"
                        : digits(minimum) <= SPOKEN_DIGITS && digits(maximum) <= SPOKEN_DIGITS
                        ? ArgumentMessages.wholeNumber(minimum.toPlainString(), maximum.toPlainString())
                        // bounds like BigInteger's 1E+900 are not read out digit by digit
                        : "a whole number of at most " + (Math.max(digits(minimum), digits(maximum)) - 1) + " digits";
                case "number" -> "a number";
                case "string" -> "text";
                case "boolean" -> "true or false";
                case "array" -> "a list";
                case "object" -> "an object";
                default -> "a " + type;
            };
        }

        /** The digits of a whole bound, without its sign. */
        private static int digits(BigDecimal bound) {
            return bound.precision() - bound.scale();
        }

        private static BigDecimal decimal(JsonNode schema, String keyword) {
            JsonNode node = schema.get(keyword);
            return node != null && node.isNumber() ? node.decimalValue() : null;
        }

        private static int integer(JsonNode schema, String keyword, int absent) {
            JsonNode node = schema.get(keyword);
            return node != null && node.isNumber() ? node.intValue() : absent;
        }
    }
}
