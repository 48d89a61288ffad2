package ai.fonella.tool;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Tool timeouts: parsing {@code @FonellaTool(timeout)} and the platform limit. Not part of the public API. */
final class Timeouts {

    /** Fonella gives a tool endpoint 5 seconds to answer; every tool deadline must be below it. */
    public static final Duration PLATFORM_LIMIT = Duration.ofSeconds(5);

    /** The invoker's default deadline. */
    public static final Duration DEFAULT = Duration.ofSeconds(4);

    private static final Pattern WITH_UNIT = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*(ms|s)");
    private static final Pattern MILLIS = Pattern.compile("[0-9]+");

    private Timeouts() {
    }

    /**
     * Parses {@code "1500"} (milliseconds), {@code "1500ms"}, {@code "2s"}, {@code "2.5s"} or an
     * ISO-8601 duration such as {@code "PT2.5S"}.
     *
     * @param text the text, may be empty
     * @return the duration, or {@code null} for empty text
     * @throws IllegalArgumentException with a message saying what is accepted
     */
    public static Duration parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (t.isEmpty()) {
            return null;
        }
        Duration duration;
        Matcher unit = WITH_UNIT.matcher(t);
        if (MILLIS.matcher(t).matches()) {
            duration = Duration.ofMillis(Long.parseLong(t));
        } else if (unit.matches()) {
            BigDecimal amount = new BigDecimal(unit.group(1));
            BigDecimal millis = unit.group(2).equals("s") ? amount.movePointRight(3) : amount;
            duration = Duration.ofNanos(millis.movePointRight(6).longValueExact());
        } else if (t.startsWith("pt")) {
            try {
                duration = Duration.parse(t.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(invalid(text));
            }
        } else {
            throw new IllegalArgumentException(invalid(text));
        }
        return requireWithinLimit(duration, "timeout '" + text + "'");
    }

    /**
     * Requires a deadline above zero and below the platform's 5 seconds.
     *
     * @param duration the deadline
     * @param what what to call it in the message
     * @return the deadline
     * @throws IllegalArgumentException when out of range
     */
    public static Duration requireWithinLimit(Duration duration, String what) {
        if (duration.isNegative() || duration.isZero() || duration.compareTo(PLATFORM_LIMIT) >= 0) {
            throw new IllegalArgumentException(what + " must be above zero and below 5 seconds (Fonella waits 5 "
                    + "seconds for a tool's answer, and the fallback answer must arrive before that), but was "
                    + duration.toMillis() + " ms. Use e.g. \"2s\" or \"4500ms\".");
        }
        return duration;
    }

    private static String invalid(String text) {
        return "timeout '" + text + "' is not a duration; use milliseconds (\"1500\" or \"1500ms\"), seconds "
                + "(\"2s\", \"2.5s\") or ISO-8601 (\"PT2.5S\").";
    }
}
