package ai.fonella.webhook;

import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a request header by name, case-insensitively, as servlet and JDK server APIs do.
 */
@FunctionalInterface
public interface HeaderLookup {

    /**
     * The first value of a header.
     *
     * @param name the header name, in any case
     * @return the value, or {@code null} when absent
     */
    String get(String name);

    /**
     * A lookup over a map, ignoring the case of names.
     *
     * @param headers header names to values
     * @return the lookup
     */
    static HeaderLookup of(Map<String, String> headers) {
        Map<String, String> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        caseInsensitive.putAll(headers);
        return caseInsensitive::get;
    }
}
