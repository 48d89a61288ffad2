package ai.fonella.spring.boot.conformance;

import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.json.JsonMapper;

/**
 * One text per value, the same whether the value was bound by Fonella or built by the test from the
 * instance with the JDK alone: whole numbers and decimals as plain digits without trailing zeros,
 * {@code double}/{@code float} as Java prints them, date-times as their instant and offset, a
 * {@code Set} in sorted order, a record as its components, an empty {@code Optional} as absent.
 */
final class Canonical {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Canonical() {
    }

    /** The canonical JSON text of the values, in order. */
    static String of(Object... values) {
        List<Object> canonical = new ArrayList<>();
        for (Object value : values) {
            canonical.add(value(value));
        }
        return JSON.writeValueAsString(canonical);
    }

    static Object value(Object value) {
        if (value instanceof Optional<?> optional) {
            return optional.map(Canonical::value).orElse(null);
        }
        if (value == null || value instanceof String || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Character || value instanceof Enum<?> || value instanceof java.util.UUID) {
            return value.toString();
        }
        if (value instanceof Double || value instanceof Float) {
            return value.getClass().getSimpleName() + ":" + value;
        }
        if (value instanceof BigDecimal decimal) {
            return "decimal:" + decimal.stripTrailingZeros().toPlainString();
        }
        if (value instanceof Number number) {
            return "decimal:" + new BigInteger(number.toString());
        }
        if (value instanceof Instant instant) {
            return instant + "@Z";
        }
        if (value instanceof ZonedDateTime zoned) {
            return value(zoned.toOffsetDateTime());
        }
        if (value instanceof java.time.OffsetDateTime dateTime) {
            return dateTime.toInstant() + "@" + dateTime.getOffset();
        }
        if (value instanceof TemporalAccessor || value instanceof java.time.Duration
                || value instanceof java.time.Period) {
            return value.toString();
        }
        if (value instanceof Set<?> set) {
            return set.stream().map(Canonical::value).map(String::valueOf).sorted().toList();
        }
        if (value instanceof Collection<?> collection) {
            return collection.stream().map(Canonical::value).toList();
        }
        if (value.getClass().isArray()) {
            List<Object> items = new ArrayList<>();
            for (int i = 0; i < Array.getLength(value); i++) {
                items.add(value(Array.get(value, i)));
            }
            return items;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((k, v) -> sorted.put(String.valueOf(k), value(v)));
            return sorted;
        }
        if (value.getClass().isRecord()) {
            Map<String, Object> components = new TreeMap<>();
            for (RecordComponent component : value.getClass().getRecordComponents()) {
                try {
                    components.put(component.getName(), value(component.getAccessor().invoke(value)));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
            return components;
        }
        throw new IllegalArgumentException("No canonical form for " + value.getClass());
    }
}
