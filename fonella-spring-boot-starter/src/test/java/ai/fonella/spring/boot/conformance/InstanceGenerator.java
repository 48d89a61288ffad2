package ai.fonella.spring.boot.conformance;

import dk.brics.automaton.Automaton;
import dk.brics.automaton.RegExp;
import dk.brics.automaton.State;
import dk.brics.automaton.Transition;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Generates JSON instances from a JSON Schema alone, knowing nothing of the Java types behind it:
 * every keyword the tool schemas use ({@code type}, {@code enum}, {@code properties},
 * {@code required}, {@code additionalProperties}, {@code items}, {@code minItems},
 * {@code maxItems}, {@code uniqueItems}, {@code minProperties}, {@code maxProperties},
 * {@code minimum}, {@code maximum}, {@code exclusiveMinimum}, {@code exclusiveMaximum},
 * {@code minLength}, {@code maxLength}, {@code pattern}, {@code format} and {@code $ref}), each over
 * its whole grammar: numbers at and near their bounds and with any scale or exponent, text from the
 * whole of Unicode, patterns walked through an automaton (dk.brics), formats from RFC 3339 and
 * RFC 4122 (lower-case {@code t}/{@code z}, leap seconds, any number of fraction digits, durations
 * with years, months and weeks). Instances may be invalid where keywords combine (a format and a
 * pattern); the caller keeps only what an independent validator accepts. Also mutates a valid
 * instance at one place into one the schema should refuse.
 */
final class InstanceGenerator {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Where a mutation was made, as the binder names arguments: {@code party.seatings[1]}. */
    record Mutation(JsonNode instance, String path, String kind, boolean textual) {
    }

    private final JsonNode root;
    private final SplittableRandom random;
    private final Map<String, Automaton> automata = new HashMap<>();

    InstanceGenerator(JsonNode root, SplittableRandom random) {
        this.root = root;
        this.random = random;
    }

    JsonNode valid() {
        return value(root, 0);
    }

    private JsonNode value(JsonNode schema, int depth) {
        JsonNode resolved = resolve(schema);
        JsonNode values = resolved.get("enum");
        if (values != null) {
            return values.get(random.nextInt(values.size())).deepCopy();
        }
        String type = resolved.path("type").asString("");
        return switch (type) {
            case "object" -> object(resolved, depth);
            case "array" -> array(resolved, depth);
            case "integer" -> NODES.numberNode(integer(resolved));
            case "number" -> NODES.numberNode(number(resolved));
            case "boolean" -> NODES.booleanNode(random.nextBoolean());
            case "string" -> NODES.stringNode(text(resolved));
            default -> anything(depth);
        };
    }

    private ObjectNode object(JsonNode schema, int depth) {
        ObjectNode object = NODES.objectNode();
        Set<String> required = new HashSet<>();
        schema.path("required").forEach(name -> required.add(name.stringValue()));
        JsonNode properties = schema.get("properties");
        if (properties != null) {
            for (Map.Entry<String, JsonNode> property : properties.properties()) {
                if (required.contains(property.getKey()) || random.nextInt(10) < 6) {
                    object.set(property.getKey(), value(property.getValue(), depth + 1));
                }
            }
        }
        JsonNode additional = schema.get("additionalProperties");
        if (additional != null && additional.isObject()) {
            int min = schema.path("minProperties").asInt(0);
            int max = Math.min(schema.path("maxProperties").asInt(Integer.MAX_VALUE), min + (depth > 3 ? 0 : 4));
            int size = min + random.nextInt(max - min + 1);
            for (int i = 0; object.size() < size && i < 50; i++) {
                object.set(fromPattern("[^.\\[\\]]{0,8}"), value(additional, depth + 1));
            }
        }
        return object;
    }

    private ArrayNode array(JsonNode schema, int depth) {
        int min = schema.path("minItems").asInt(0);
        int max = Math.min(schema.path("maxItems").asInt(Integer.MAX_VALUE), min + (depth > 3 ? 0 : 4));
        int size = min + random.nextInt(max - min + 1);
        boolean unique = schema.path("uniqueItems").asBoolean(false);
        ArrayNode array = NODES.arrayNode();
        Set<JsonNode> seen = new HashSet<>();
        for (int attempt = 0; array.size() < size && attempt < size * 20; attempt++) {
            JsonNode item = value(schema.get("items"), depth + 1);
            if (!unique || seen.add(item)) {
                array.add(item);
            }
        }
        return array;
    }

    private JsonNode anything(int depth) {
        return switch (random.nextInt(depth > 2 ? 4 : 6)) {
            case 0 -> NODES.stringNode(randomText(0, 6));
            case 1 -> NODES.numberNode(randomDecimal());
            case 2 -> NODES.booleanNode(random.nextBoolean());
            case 3 -> NODES.nullNode();
            case 4 -> NODES.arrayNode().add(anything(depth + 1));
            default -> NODES.objectNode().set(randomText(1, 4), anything(depth + 1));
        };
    }

    /** A whole number within the bounds; at a bound, next to one, zero, or anywhere between. */
    private BigDecimal integer(JsonNode schema) {
        BigInteger low = lowerInteger(schema);
        BigInteger high = upperInteger(schema);
        List<BigInteger> candidates = new ArrayList<>();
        BigInteger lo = low != null ? low : high != null ? high.subtract(randomBig(200)) : randomBig(200).negate();
        BigInteger hi = high != null ? high : lo.add(randomBig(200));
        candidates.add(lo);
        candidates.add(hi);
        candidates.add(lo.add(BigInteger.ONE).min(hi));
        candidates.add(hi.subtract(BigInteger.ONE).max(lo));
        if (lo.signum() <= 0 && hi.signum() >= 0) {
            candidates.add(BigInteger.ZERO);
        }
        BigInteger span = hi.subtract(lo);
        candidates.add(lo.add(new BigInteger(span.bitLength() + 8, new java.util.Random(random.nextLong()))
                .mod(span.add(BigInteger.ONE))));
        candidates.add(lo.add(BigInteger.valueOf(random.nextInt(100))).min(hi));
        BigInteger chosen = candidates.get(random.nextInt(candidates.size()));
        // the same number written as a decimal or with an exponent is an integer too
        return switch (random.nextInt(8)) {
            case 0 -> new BigDecimal(chosen).setScale(1 + random.nextInt(3));
            case 1 -> new BigDecimal(chosen).stripTrailingZeros();
            default -> new BigDecimal(chosen);
        };
    }

    private BigInteger lowerInteger(JsonNode schema) {
        BigInteger low = null;
        if (schema.has("minimum")) {
            low = schema.get("minimum").decimalValue().setScale(0, RoundingMode.CEILING).toBigInteger();
        }
        if (schema.has("exclusiveMinimum")) {
            BigDecimal bound = schema.get("exclusiveMinimum").decimalValue();
            BigInteger next = bound.setScale(0, RoundingMode.FLOOR).toBigInteger().add(BigInteger.ONE);
            low = low == null ? next : low.max(next);
        }
        return low;
    }

    private BigInteger upperInteger(JsonNode schema) {
        BigInteger high = null;
        if (schema.has("maximum")) {
            high = schema.get("maximum").decimalValue().setScale(0, RoundingMode.FLOOR).toBigInteger();
        }
        if (schema.has("exclusiveMaximum")) {
            BigDecimal bound = schema.get("exclusiveMaximum").decimalValue();
            BigInteger next = bound.setScale(0, RoundingMode.CEILING).toBigInteger().subtract(BigInteger.ONE);
            high = high == null ? next : high.min(next);
        }
        return high;
    }

    /** A number within the bounds, with any scale: exactly a bound, just inside one, or anywhere. */
    private BigDecimal number(JsonNode schema) {
        BigDecimal min = schema.has("minimum") ? schema.get("minimum").decimalValue() : null;
        BigDecimal max = schema.has("maximum") ? schema.get("maximum").decimalValue() : null;
        BigDecimal exclusiveMin = schema.has("exclusiveMinimum") ? schema.get("exclusiveMinimum").decimalValue() : null;
        BigDecimal exclusiveMax = schema.has("exclusiveMaximum") ? schema.get("exclusiveMaximum").decimalValue() : null;
        for (int attempt = 0; attempt < 100; attempt++) {
            BigDecimal candidate = switch (random.nextInt(7)) {
                case 0 -> min;
                case 1 -> max;
                case 2 -> exclusiveMin == null ? null : exclusiveMin.add(tiny());
                case 3 -> exclusiveMax == null ? null : exclusiveMax.subtract(tiny());
                case 4 -> new BigDecimal(integer(schema).toBigInteger());
                default -> randomDecimal();
            };
            if (candidate != null && (min == null || candidate.compareTo(min) >= 0)
                    && (max == null || candidate.compareTo(max) <= 0)
                    && (exclusiveMin == null || candidate.compareTo(exclusiveMin) > 0)
                    && (exclusiveMax == null || candidate.compareTo(exclusiveMax) < 0)) {
                return candidate;
            }
        }
        return min != null ? min : max != null ? max : BigDecimal.ZERO;
    }

    private BigDecimal tiny() {
        return BigDecimal.ONE.movePointLeft(1 + random.nextInt(25));
    }

    private BigDecimal randomDecimal() {
        BigInteger unscaled = randomBig(1 + random.nextInt(90));
        if (random.nextBoolean()) {
            unscaled = unscaled.negate();
        }
        return new BigDecimal(unscaled, random.nextInt(-8, 25));
    }

    private BigInteger randomBig(int bits) {
        return new BigInteger(bits, new java.util.Random(random.nextLong()));
    }

    /**
     * A bounded text keeps to the Basic Multilingual Plane: Jakarta's {@code @Size} counts UTF-16
     * units, JSON Schema's {@code maxLength} code points, and an emoji is two of the first and one of
     * the second. The README says so (the type table); everything else is checked against Hibernate
     * Validator as generated.
     */
    private String text(JsonNode schema) {
        int maxLength = schema.path("maxLength").asInt(Integer.MAX_VALUE);
        String text = drawText(schema, maxLength);
        return maxLength == Integer.MAX_VALUE ? text : text.codePoints()
                .map(c -> Character.isSupplementaryCodePoint(c) ? 0x2600 + c % 0x100 : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    private String drawText(JsonNode schema, int maxLength) {
        String format = schema.path("format").asString(null);
        String pattern = schema.path("pattern").asString(null);
        int minLength = schema.path("minLength").asInt(0);
        if (pattern != null && (format == null || random.nextInt(4) > 0)) {
            return fromPattern(pattern);
        }
        if (format != null) {
            String formatted = formatted(format);
            if (formatted != null) {
                return formatted;
            }
        }
        return randomText(minLength, Math.min(maxLength, minLength + 12));
    }

    /** Code points from all of Unicode: ASCII, controls, Latin, CJK, astral (emoji), never a lone surrogate. */
    private String randomText(int min, int max) {
        int length = min + random.nextInt(max - min + 1);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int codePoint = switch (random.nextInt(10)) {
                case 0 -> random.nextInt(0x20);
                case 1 -> 0xA0 + random.nextInt(0x200);
                case 2 -> 0x4E00 + random.nextInt(0x500);
                case 3 -> 0x1F600 + random.nextInt(0x50);
                case 4 -> " \t\n\"\\/".charAt(random.nextInt(6));
                default -> 0x21 + random.nextInt(0x5E);
            };
            text.appendCodePoint(codePoint);
        }
        return text.toString();
    }

    /** A string of the format's grammar (RFC 3339 and its appendix A, RFC 4122, an e-mail address). */
    private String formatted(String format) {
        return switch (format) {
            case "date" -> date();
            case "time" -> time();
            case "date-time" -> date() + (random.nextInt(4) == 0 ? "t" : "T") + time();
            case "duration" -> duration();
            case "uuid" -> uuid();
            case "email" -> email();
            default -> null;
        };
    }

    private String date() {
        return String.format("%04d-%02d-%02d", random.nextInt(10000), 1 + random.nextInt(12), 1 + random.nextInt(31));
    }

    private String time() {
        StringBuilder time = new StringBuilder(String.format("%02d:%02d:%02d", random.nextInt(24), random.nextInt(60),
                random.nextInt(10) == 0 ? 60 : random.nextInt(60)));
        if (random.nextBoolean()) {
            time.append('.').append(digits(1 + random.nextInt(random.nextInt(5) == 0 ? 14 : 9)));
        }
        switch (random.nextInt(4)) {
            case 0 -> time.append('Z');
            case 1 -> time.append('z');
            default -> time.append(random.nextBoolean() ? '+' : '-')
                    .append(String.format("%02d:%02d", random.nextInt(24), random.nextInt(60)));
        }
        return time.toString();
    }

    private String duration() {
        String[] dateUnits = {"Y", "M", "D"};
        String[] timeUnits = {"H", "M", "S"};
        if (random.nextInt(6) == 0) {
            return "P" + number() + "W";
        }
        StringBuilder duration = new StringBuilder("P");
        boolean hasDate = random.nextInt(3) > 0;
        if (hasDate) {
            int first = random.nextInt(3);
            int last = first + random.nextInt(3 - first);
            for (int unit = first; unit <= last; unit++) {
                duration.append(number()).append(dateUnits[unit]);
            }
        }
        if (!hasDate || random.nextBoolean()) {
            duration.append('T');
            int first = random.nextInt(3);
            int last = first + random.nextInt(3 - first);
            for (int unit = first; unit <= last; unit++) {
                duration.append(number()).append(timeUnits[unit]);
            }
        }
        return duration.toString();
    }

    private String number() {
        return random.nextInt(8) == 0 ? digits(10 + random.nextInt(8)) : String.valueOf(random.nextInt(100));
    }

    private String uuid() {
        String hex = "0123456789abcdefABCDEF";
        StringBuilder uuid = new StringBuilder();
        for (int length : new int[] {8, 4, 4, 4, 12}) {
            if (!uuid.isEmpty()) {
                uuid.append('-');
            }
            for (int i = 0; i < length; i++) {
                uuid.append(hex.charAt(random.nextInt(hex.length())));
            }
        }
        return uuid.toString();
    }

    private String email() {
        String local = fromPattern("[a-zA-Z0-9!#$%&'*+/=?^_`{|}~-]{1,8}(\\.[a-zA-Z0-9_-]{1,5})?");
        String domain = fromPattern("[a-z0-9]([a-z0-9-]{0,6}[a-z0-9])?(\\.[a-z]{2,6}){1,2}");
        return local + "@" + domain;
    }

    private String digits(int count) {
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < count; i++) {
            digits.append((char) ('0' + random.nextInt(10)));
        }
        return digits.toString();
    }

    /**
     * A string the pattern finds: a random walk through the pattern's automaton, with text around
     * it where the pattern is not anchored.
     */
    String fromPattern(String pattern) {
        boolean anchoredStart = pattern.startsWith("^");
        boolean anchoredEnd = pattern.endsWith("$") && !pattern.endsWith("\\$");
        Automaton automaton = automata.computeIfAbsent(pattern, p -> new RegExp(toBrics(p), RegExp.NONE)
                .toAutomaton());
        StringBuilder text = new StringBuilder();
        if (!anchoredStart && random.nextInt(3) == 0) {
            text.append(randomText(0, 3));
        }
        State state = automaton.getInitialState();
        for (int steps = 0; ; steps++) {
            List<Transition> transitions = state.getSortedTransitions(false);
            if (state.isAccept() && (transitions.isEmpty() || random.nextInt(steps > 20 ? 2 : 5) == 0)) {
                break;
            }
            if (transitions.isEmpty()) {
                throw new IllegalStateException("Pattern " + pattern + " leads to a dead end");
            }
            Transition transition = transitions.get(random.nextInt(transitions.size()));
            char c;
            do {
                c = (char) (transition.getMin() + random.nextInt(transition.getMax() - transition.getMin() + 1));
            } while (Character.isSurrogate(c));
            text.append(c);
            state = transition.getDest();
        }
        if (!anchoredEnd && random.nextInt(3) == 0) {
            text.append(randomText(0, 3));
        }
        return text.toString();
    }

    /**
     * ECMA-262 as the tool schemas use it, in the syntax of dk.brics (no anchors, no (?:, no \\u). A
     * leading lookahead (the length limits of {@code @Email}) is left out: it only narrows what the
     * rest admits, and the validator drops the instances it refuses.
     */
    private static String toBrics(String pattern) {
        String body = pattern;
        if (body.startsWith("^")) {
            body = body.substring(1);
        }
        if (body.startsWith("(?=")) {
            int depth = 0;
            boolean inClass = false;
            for (int i = 0; i < body.length(); i++) {
                char c = body.charAt(i);
                if (c == '\\') {
                    i++;
                } else if (c == '[') {
                    inClass = true;
                } else if (c == ']') {
                    inClass = false;
                } else if (!inClass && c == '(') {
                    depth++;
                } else if (!inClass && c == ')' && --depth == 0) {
                    body = body.substring(i + 1);
                    break;
                }
            }
        }
        if (body.endsWith("$") && !body.endsWith("\\$")) {
            body = body.substring(0, body.length() - 1);
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '(' && body.startsWith("(?:", i)) {
                out.append('(');
                i += 2;
            } else if (c == '\\' && i + 1 < body.length()) {
                char next = body.charAt(i + 1);
                if (next == 'u') {
                    out.append('\\').append((char) Integer.parseInt(body.substring(i + 2, i + 6), 16));
                    i += 5;
                } else if (next == 'd') {
                    out.append("[0-9]");
                    i++;
                } else {
                    out.append('\\').append(next);
                    i++;
                }
            } else if (c == '-' && i + 1 < body.length() && body.charAt(i + 1) == ']') {
                out.append("\\-");
            } else if ("\"<>#@~&".indexOf(c) >= 0) {
                out.append('\\').append(c);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Breaks a valid instance at one place: a value of another type, {@code null}, a required
     * property removed, an unknown property added, a bound, length, pattern, format, enum or item
     * count broken. Text-only transports ({@code GET}) get only mutations that survive being text.
     */
    Mutation mutate(JsonNode valid, boolean textOnly) {
        Mutation mutation = mutateOnce(valid, textOnly);
        if (mutation.textual && mutation.kind.equals("another type")) {
            // over GET a top-level value travels as text: text and lists of text take any other value as text
            ObjectNode copy = (ObjectNode) valid.deepCopy();
            String name = "unknown" + random.nextInt(1000);
            copy.put(name, "x");
            return new Mutation(copy, name, "unknown property", false);
        }
        return mutation;
    }

    private Mutation mutateOnce(JsonNode valid, boolean textOnly) {
        JsonNode copy = valid.deepCopy();
        List<Slot> slots = new ArrayList<>();
        collect(copy, root, "", null, null, null, null, -1, slots);
        Slot slot = slots.get(random.nextInt(slots.size()));
        JsonNode schema = resolve(slot.schema);
        int choice = random.nextInt(textOnly ? 6 : 9);
        String type = schema.path("type").asString("");
        boolean textual = textOnly && !slot.path.contains(".") && (type.equals("string") || type.equals("array")
                || type.isEmpty() || slot.path.contains("["));
        switch (choice) {
            case 0, 1 -> {
                if (schema.has("minimum") || schema.has("maximum") || schema.has("exclusiveMinimum")
                        || schema.has("exclusiveMaximum")) {
                    BigDecimal bound = schema.has("maximum") ? schema.get("maximum").decimalValue()
                            : schema.has("exclusiveMaximum") ? schema.get("exclusiveMaximum").decimalValue()
                            : schema.has("minimum") ? schema.get("minimum").decimalValue().negate()
                            : schema.get("exclusiveMinimum").decimalValue().negate();
                    BigDecimal beyond = bound.add(random.nextBoolean() ? BigDecimal.ONE : tiny());
                    boolean below = !schema.has("maximum") && !schema.has("exclusiveMaximum");
                    if (schema.has("exclusiveMaximum") && random.nextBoolean()) {
                        beyond = bound;
                    }
                    slot.set(NODES.numberNode(below ? beyond.negate() : beyond));
                    return new Mutation(copy, slot.path, "out of range", textual);
                }
                if (type.equals("integer")) {
                    slot.set(NODES.numberNode(new BigDecimal("0.5").add(new BigDecimal(random.nextInt(100)))));
                    return new Mutation(copy, slot.path, "fraction for an integer", textual);
                }
                if (type.equals("string")) {
                    int max = schema.path("maxLength").asInt(-1);
                    int min = schema.path("minLength").asInt(0);
                    if (max >= 0 && random.nextBoolean()) {
                        slot.set(NODES.stringNode(randomText(max + 1, max + 4)));
                        return new Mutation(copy, slot.path, "too long", textual);
                    }
                    if (min > 0) {
                        slot.set(NODES.stringNode(randomText(0, min - 1)));
                        return new Mutation(copy, slot.path, "too short", textual);
                    }
                    slot.set(NODES.stringNode(garble(slot.value().stringValue())));
                    return new Mutation(copy, slot.path, "garbled text", textual);
                }
                if (type.equals("array")) {
                    int min = schema.path("minItems").asInt(0);
                    if (min > 0) {
                        slot.set(NODES.arrayNode());
                        return new Mutation(copy, slot.path, "too few items", textual);
                    }
                    if (schema.has("maxItems")) {
                        ArrayNode longer = NODES.arrayNode();
                        for (int i = 0; i <= schema.get("maxItems").asInt(); i++) {
                            longer.add(value(schema.get("items"), 3));
                        }
                        slot.set(longer);
                        return new Mutation(copy, slot.path, "too many items", textual);
                    }
                }
                slot.set(otherType(type, textOnly));
                return new Mutation(copy, slot.path, "another type", textual);
            }
            case 2 -> {
                if (schema.has("enum")) {
                    slot.set(NODES.stringNode(slot.value().asString("x").toLowerCase() + "x"));
                    return new Mutation(copy, slot.path, "not in enum", textual);
                }
                if (type.equals("string")) {
                    slot.set(NODES.stringNode(garble(slot.value().stringValue())));
                    return new Mutation(copy, slot.path, "garbled text", textual);
                }
                slot.set(otherType(type, textOnly));
                return new Mutation(copy, slot.path, "another type", textual);
            }
            case 3 -> {
                if (slot.parent != null && slot.required) {
                    slot.parent.remove(slot.property);
                    return new Mutation(copy, slot.path, "missing", textual);
                }
                slot.set(otherType(type, textOnly));
                return new Mutation(copy, slot.path, "another type", textual);
            }
            case 4 -> {
                ObjectNode target = copy.isObject() && (slot.parent == null || random.nextBoolean())
                        ? (ObjectNode) copy : slot.parent;
                if (target == null) {
                    target = (ObjectNode) copy;
                }
                String name = "unknown" + random.nextInt(1000);
                target.put(name, "x");
                String parentPath = target == copy ? "" : slot.path.substring(0, slot.path.lastIndexOf('.') + 1);
                return new Mutation(copy, parentPath + name, "unknown property", textual);
            }
            case 5 -> {
                slot.set(otherType(type, textOnly));
                return new Mutation(copy, slot.path, "another type", textual);
            }
            case 6 -> {
                slot.set(NODES.nullNode());
                return new Mutation(copy, slot.path, "null", textual);
            }
            default -> {
                slot.set(otherType(type, false));
                return new Mutation(copy, slot.path, "another type", textual);
            }
        }
    }

    /** Changes one character, drops one, or adds one: usually enough to leave a pattern or format. */
    private String garble(String text) {
        StringBuilder garbled = new StringBuilder(text);
        int at = garbled.isEmpty() ? 0 : random.nextInt(garbled.length());
        switch (random.nextInt(3)) {
            case 0 -> {
                if (!garbled.isEmpty()) {
                    garbled.setCharAt(at, "x:-+.Z ".charAt(random.nextInt(7)));
                }
            }
            case 1 -> {
                if (!garbled.isEmpty()) {
                    garbled.deleteCharAt(at);
                }
            }
            default -> garbled.insert(at, "x:-+.Z 9".charAt(random.nextInt(8)));
        }
        return garbled.toString();
    }

    private JsonNode otherType(String type, boolean textOnly) {
        List<JsonNode> options = new ArrayList<>();
        if (!type.equals("string") && !textOnly) {
            options.add(NODES.stringNode(randomText(1, 5)));
        }
        if (!type.equals("number") && !type.equals("integer")) {
            options.add(NODES.numberNode(randomDecimal()));
        }
        if (!type.equals("boolean")) {
            options.add(NODES.booleanNode(random.nextBoolean()));
        }
        if (!type.equals("object") && !textOnly) {
            options.add(NODES.objectNode().put("a", 1));
        }
        if (!type.equals("array") && !textOnly) {
            options.add(NODES.arrayNode().add(1));
        }
        if (textOnly && (type.equals("string") || type.isEmpty())) {
            options.clear();
            options.add(NODES.objectNode().put("a", 1)); // not text: refused before it becomes text
        }
        return options.get(random.nextInt(options.size()));
    }

    private record Slot(String path, JsonNode schema, ObjectNode parent, String property, ArrayNode array, int index,
            boolean required, JsonNode value) {

        void set(JsonNode replacement) {
            if (parent != null) {
                parent.set(property, replacement);
            } else {
                array.set(index, replacement);
            }
        }
    }

    /**
     * Collects the slots a mutation can hit. A property's name is passed along, never taken back
     * out of the path: a map key may itself contain a '.'.
     */
    private void collect(JsonNode value, JsonNode schema, String path, ObjectNode parent, String property,
            JsonNode parentSchema, ArrayNode array, int index, List<Slot> slots) {
        JsonNode resolved = resolve(schema);
        if (!path.isEmpty()) {
            boolean required = false;
            if (parent != null) {
                for (JsonNode name : parentSchema.path("required")) {
                    required |= name.stringValue().equals(property);
                }
            }
            slots.add(new Slot(path, resolved, parent, property, array, index,
                    required, value));
        }
        if (value.isObject()) {
            JsonNode properties = resolved.get("properties");
            JsonNode additional = resolved.get("additionalProperties");
            for (Map.Entry<String, JsonNode> entry : ((ObjectNode) value).properties()) {
                JsonNode childSchema = properties != null && properties.has(entry.getKey())
                        ? properties.get(entry.getKey()) : additional != null && additional.isObject() ? additional
                        : null;
                if (childSchema != null) {
                    collect(entry.getValue(), childSchema, join(path, entry.getKey()), (ObjectNode) value,
                            entry.getKey(), resolved, null, -1, slots);
                }
            }
        } else if (value.isArray() && resolved.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                collect(value.get(i), resolved.get("items"), path + "[" + i + "]", null, null, null, (ArrayNode) value, i,
                        slots);
            }
        }
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private JsonNode resolve(JsonNode schema) {
        JsonNode current = schema == null ? NODES.objectNode() : schema;
        for (int depth = 0; depth < 16 && current.has("$ref"); depth++) {
            String pointer = current.get("$ref").stringValue();
            current = pointer.equals("#") ? root : root.path("$defs").path(pointer.substring("#/$defs/".length()));
        }
        return current;
    }
}
