package ai.fonella.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Defensive copies for record components. Not part of the public API.
 */
public final class Copies {

    private Copies() {
    }

    /**
     * An unmodifiable copy without {@code null} elements; {@code null} becomes an empty list.
     *
     * @param source the elements, may be {@code null}
     * @param <T> element type
     * @return an unmodifiable list
     */
    public static <T> List<T> list(Collection<? extends T> source) {
        if (source == null || source.isEmpty()) {
            return List.of();
        }
        List<T> copy = new ArrayList<>(source.size());
        for (T element : source) {
            if (element != null) {
                copy.add(element);
            }
        }
        return Collections.unmodifiableList(copy);
    }

    /**
     * Like {@link #list(Collection)} but keeps {@code null} as {@code null}, for partial updates
     * where an absent field must stay absent.
     *
     * @param source the elements, may be {@code null}
     * @param <T> element type
     * @return an unmodifiable list, or {@code null}
     */
    public static <T> List<T> listOrNull(Collection<? extends T> source) {
        return source == null ? null : list(source);
    }

    /**
     * An unmodifiable, order-preserving copy without {@code null} keys or values; {@code null}
     * becomes an empty map.
     *
     * @param source the entries, may be {@code null}
     * @param <K> key type
     * @param <V> value type
     * @return an unmodifiable map that iterates in the source's order
     */
    public static <K, V> Map<K, V> map(Map<? extends K, ? extends V> source) {
        if (source == null || source.isEmpty()) {
            return Map.of();
        }
        Map<K, V> copy = new LinkedHashMap<>();
        source.forEach((key, value) -> {
            if (key != null && value != null) {
                copy.put(key, value);
            }
        });
        return Collections.unmodifiableMap(copy);
    }

    /**
     * Like {@link #map(Map)} but keeps {@code null} as {@code null}, for partial updates.
     *
     * @param source the entries, may be {@code null}
     * @param <K> key type
     * @param <V> value type
     * @return an unmodifiable map, or {@code null}
     */
    public static <K, V> Map<K, V> mapOrNull(Map<? extends K, ? extends V> source) {
        return source == null ? null : map(source);
    }

    /**
     * Returns the value, or throws a {@link NullPointerException} naming the field.
     *
     * @param value the value
     * @param field the field name for the message
     * @param <T> value type
     * @return the value
     */
    public static <T> T required(T value, String field) {
        return Objects.requireNonNull(value, () -> field + " must not be null");
    }
}
