package ai.fonella.tool;

import com.fasterxml.classmate.ResolvedType;
import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.CustomDefinitionProviderV2;
import com.github.victools.jsonschema.generator.SchemaGenerationContext;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.ZonedDateTime;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Schemas victools would get wrong or leave vague for tool arguments. Not part of the public API.
 * <ul>
 * <li>Enums: the values Jackson actually writes (so {@code @JsonProperty}, {@code @JsonValue} and
 * the mapper's enum features are honoured exactly as binding honours them).</li>
 * <li>Numbers: the range of their Java type as {@code minimum}/{@code maximum} ({@code BigInteger}
 * and {@code BigDecimal} have none); {@code char}: one-character text.</li>
 * <li>Local dates and times without an offset: text with a pattern, never {@code format: time} or
 * {@code date-time}, which require an offset.</li>
 * <li>Date-times, times with offset, durations and periods: their {@code format} and a
 * {@code pattern} that narrows it to what java.time binds (no leap second, at most nine fraction
 * digits, only the duration units the type has).</li>
 * <li>Jackson trees: any JSON, an object or an array.</li>
 * </ul>
 */
final class FixedTypeDefinitions implements CustomDefinitionProviderV2 {

    /**
     * A day that exists in the proletic Gregorian calendar of java.time, years 0000 to 9999: 30 or
     * 31 days by month, February 29 only in leap years. (RFC 3339 section 5.7 says the same; a
     * pattern states it so that every validator agrees.)
     */
    private static final String DATE = "([0-9]{4}-((0[13578]|1[02])-(0[1-9]|[12][0-9]|3[01])|(0[469]|11)-(0[1-9]"
            + "|[12][0-9]|30)|02-(0[1-9]|1[0-9]|2[0-8]))|([0-9]{2}(0[48]|[2468][048]|[13579][26])|([02468][048]"
            + "|[13579][26])00)-02-29)";

    /** The part of RFC 3339 {@code full-date} that java.time binds: days that exist. */
    static final String DATE_PATTERN = "^" + DATE + "$";
    /** A time of day as java.time reads it: seconds 00 to 59 (no leap second), at most 9 fraction digits. */
    private static final String TIME = "([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,9})?";
    /** An offset as java.time binds it: at most 18 hours (RFC 3339 allows up to 23:59). */
    private static final String OFFSET = "([zZ]|[+-](0[0-9]|1[0-7]):[0-5][0-9]|[+-]18:00)";

    /** ISO-8601 local date-time as Jackson reads it: seconds and fraction optional, no offset. */
    static final String LOCAL_DATE_TIME_PATTERN = "^" + DATE + "T([01][0-9]|2[0-3]):[0-5][0-9]"
            + "(:[0-5][0-9](\\.[0-9]{1,9})?)?$";

    /** ISO-8601 local time as Jackson reads it: seconds and fraction optional, no offset. */
    static final String LOCAL_TIME_PATTERN = "^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]{1,9})?)?$";

    /**
     * The part of RFC 3339 {@code full-time} that java.time binds: no leap second, at most nine
     * fraction digits, offsets up to 18 hours.
     */
    static final String OFFSET_TIME_PATTERN = "^" + TIME + OFFSET + "$";

    /** The part of RFC 3339 {@code date-time} that java.time binds. */
    static final String DATE_TIME_PATTERN = "^" + DATE + "[tT]" + TIME + OFFSET + "$";

    private static final String CLOCK = "T([0-9]{1,9}H([0-9]{1,9}M([0-9]{1,9}S)?)?|[0-9]{1,9}M([0-9]{1,9}S)?"
            + "|[0-9]{1,9}S)";

    /** The part of the ISO 8601 duration grammar that {@code java.time.Duration} binds: days to seconds. */
    static final String DURATION_PATTERN = "^P([0-9]{1,9}D(" + CLOCK + ")?|" + CLOCK + ")$";

    /** The part of the ISO 8601 duration grammar that {@code java.time.Period} binds: years to days. */
    static final String PERIOD_PATTERN = "^P([0-9]{1,9}Y([0-9]{1,9}M([0-9]{1,9}D)?)?|[0-9]{1,9}M([0-9]{1,9}D)?"
            + "|[0-9]{1,9}D|[0-9]{1,9}W)$";

    /** One UTF-16 unit: what a Java {@code char} holds. */
    static final String CHAR_PATTERN = "^[\\u0000-\\uFFFF]$";

    /** The patterns above in words, for the sentence that refuses a value. */
    static final Map<String, String> PATTERN_WORDS = Map.of(
            DATE_PATTERN, "a date like 2026-11-24",
            LOCAL_TIME_PATTERN, "a time like 14:30",
            LOCAL_DATE_TIME_PATTERN, "a date and time like 2026-11-24T14:30",
            OFFSET_TIME_PATTERN, "a time with offset like 14:30:00+01:00",
            DATE_TIME_PATTERN, "a date and time with offset like 2026-11-24T14:30:00Z",
            DURATION_PATTERN, "a duration in days, hours, minutes and seconds like PT15M",
            PERIOD_PATTERN, "a period in years, months, weeks or days like P1M",
            CHAR_PATTERN, "a single character",
            JakartaSupport.EMAIL_PATTERN, "an e-mail address like ada@example.com");

    /** The bounds of a {@code BigInteger} argument: 900 digits, within the longest number text read. */
    static final BigDecimal BIG_INTEGER_LIMIT = new BigDecimal("1E+900");

    private final JsonMapper mapper;

    FixedTypeDefinitions(JsonMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public CustomDefinition provideCustomSchemaDefinition(ResolvedType javaType, SchemaGenerationContext context) {
        Class<?> raw = javaType.getErasedType();
        if (raw.isEnum()) {
            return new CustomDefinition(enumSchema(raw), CustomDefinition.DefinitionType.STANDARD,
                    CustomDefinition.AttributeInclusion.YES);
        }
        ObjectNode node = mapper.createObjectNode();
        if (raw == byte.class || raw == Byte.class) {
            node.put("type", "integer").put("minimum", Byte.MIN_VALUE).put("maximum", Byte.MAX_VALUE);
        } else if (raw == short.class || raw == Short.class) {
            node.put("type", "integer").put("minimum", Short.MIN_VALUE).put("maximum", Short.MAX_VALUE);
        } else if (raw == char.class || raw == Character.class) {
            node.put("type", "string").put("minLength", 1).put("maxLength", 1)
                    .put("pattern", CHAR_PATTERN);
        } else if (raw == int.class || raw == Integer.class) {
            node.put("type", "integer").put("minimum", Integer.MIN_VALUE).put("maximum", Integer.MAX_VALUE);
        } else if (raw == long.class || raw == Long.class) {
            node.put("type", "integer").put("minimum", Long.MIN_VALUE).put("maximum", Long.MAX_VALUE);
        } else if (raw == BigInteger.class) {
            // unbounded in Java, bounded here so that no caller makes the binder build a number of
            // millions of digits (1E+400000000 is a short text)
            node.put("type", "integer").put("minimum", BIG_INTEGER_LIMIT.negate()).put("maximum", BIG_INTEGER_LIMIT);
        } else if (raw == float.class || raw == Float.class) {
            node.put("type", "number").put("minimum", -Float.MAX_VALUE).put("maximum", Float.MAX_VALUE);
        } else if (raw == double.class || raw == Double.class) {
            node.put("type", "number").put("minimum", -Double.MAX_VALUE).put("maximum", Double.MAX_VALUE);
        } else if (raw == LocalDateTime.class) {
            node.put("type", "string").put("pattern", LOCAL_DATE_TIME_PATTERN);
        } else if (raw == LocalDate.class) {
            node.put("type", "string").put("format", "date").put("pattern", DATE_PATTERN);
        } else if (raw == LocalTime.class) {
            node.put("type", "string").put("pattern", LOCAL_TIME_PATTERN);
        } else if (raw == OffsetTime.class) {
            node.put("type", "string").put("format", "time").put("pattern", OFFSET_TIME_PATTERN);
        } else if (raw == OffsetDateTime.class || raw == ZonedDateTime.class || raw == Instant.class) {
            node.put("type", "string").put("format", "date-time").put("pattern", DATE_TIME_PATTERN);
        } else if (raw == Duration.class) {
            node.put("type", "string").put("format", "duration").put("pattern", DURATION_PATTERN);
        } else if (raw == Period.class) {
            node.put("type", "string").put("format", "duration").put("pattern", PERIOD_PATTERN);
        } else if (ObjectNode.class.isAssignableFrom(raw)) {
            node.put("type", "object");
        } else if (ArrayNode.class.isAssignableFrom(raw)) {
            node.put("type", "array");
        } else if (JsonNode.class.isAssignableFrom(raw)) {
            // any JSON value: the empty schema
        } else {
            return null;
        }
        return new CustomDefinition(node, CustomDefinition.DefinitionType.INLINE,
                CustomDefinition.AttributeInclusion.YES);
    }

    private ObjectNode enumSchema(Class<?> enumType) {
        ArrayNode values = mapper.createArrayNode();
        boolean allText = true;
        boolean allIntegers = true;
        for (Object constant : enumType.getEnumConstants()) {
            JsonNode value = mapper.valueToTree(constant);
            values.add(value);
            allText &= value.isString();
            allIntegers &= value.isIntegralNumber();
        }
        ObjectNode node = mapper.createObjectNode();
        if (allText) {
            node.put("type", "string");
        } else if (allIntegers) {
            node.put("type", "integer");
        }
        node.set("enum", values);
        return node;
    }
}
