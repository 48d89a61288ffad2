package ai.fonella.spring.boot.conformance;

import ai.fonella.model.ToolMethod;
import ai.fonella.tool.FonellaTool;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Negative;
import jakarta.validation.constraints.NegativeOrZero;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.validation.annotation.Validated;

/**
 * One tool per row group of the README's type table, plus one per Jakarta constraint it lists, a
 * flattened record and a GET tool. Each answers with {@link Canonical#of} of what was bound, so the
 * test can compare it with the instance that was sent.
 */
@Validated // Hibernate Validator checks every call too: an instance the schema admits that it refuses fails the test
public class ConformanceTools {

    /** An enum with JSON values of its own. */
    public enum Seating { INDOOR, OUTDOOR, BAR }

    /** A nested object. */
    public record Party(String name, int size, Optional<String> note, List<Seating> seatings) {
    }

    /** A flattened argument record with constrained components. */
    public record Booking(@NotBlank String name, @Size(min = 2, max = 5) String code, @Min(0) @Max(500) int seats,
            @Pattern(regexp = "[a-z]+(-[a-z]+)*") String tag, Optional<@Size(max = 3) String> note,
            @Positive BigDecimal deposit) {
    }

    @FonellaTool(description = "Echoes numbers")
    public String numbers(int count, long big, short small, byte tiny, BigInteger huge, double ratio, float factor,
            BigDecimal amount, Integer boxed, Optional<Long> maybe) {
        return Canonical.of(count, big, small, tiny, huge, ratio, factor, amount, boxed, maybe);
    }

    @FonellaTool(description = "Echoes text and simple values")
    public String texts(String text, char letter, boolean flag, Seating seating, UUID id, Character boxedLetter) {
        return Canonical.of(text, letter, flag, seating, id, boxedLetter);
    }

    @FonellaTool(description = "Echoes dates and times")
    public String temporals(LocalDate day, LocalTime at, OffsetTime offsetTime, OffsetDateTime when, Instant instant,
            ZonedDateTime zoned, LocalDateTime local, Duration duration, Period period) {
        return Canonical.of(day, at, offsetTime, when, instant, zoned, local, duration, period);
    }

    @FonellaTool(description = "Echoes structures")
    public String structures(Party party, List<String> tags, Set<Integer> codes, int[] counts,
            Map<String, Integer> extras, List<Party> parties) {
        return Canonical.of(party, tags, codes, counts, extras, parties);
    }

    @FonellaTool(description = "Echoes constrained arguments")
    public String constrained(@NotBlank @Size(max = 12) String code, @Min(1) @Max(99) int quantity,
            @Positive BigDecimal price, @PositiveOrZero int tip, @Negative long below, @NegativeOrZero double atMost,
            @Pattern(regexp = "[A-Z]{2}[0-9]{3}") String ref, @Email String email, @NotEmpty List<String> items,
            @Size(min = 1, max = 3) List<Integer> few,
            @DecimalMin("0.5") @DecimalMax(value = "10.5", inclusive = false) BigDecimal weight,
            @NotEmpty Map<String, String> labels, @Size(min = 2, max = 4) String shortText,
            List<@NotBlank @Size(max = 3) String> shortTags, Map<String, @Min(1) Integer> counts) {
        return Canonical.of(code, quantity, price, tip, below, atMost, ref, email, items, few, weight, labels,
                shortText, shortTags, counts);
    }

    @FonellaTool(description = "Echoes a booking")
    public String booking(Booking booking) {
        return Canonical.of(booking.name(), booking.code(), booking.seats(), booking.tag(), booking.note(),
                booking.deposit());
    }

    @FonellaTool(description = "Echoes short tags")
    public String shortTags(List<@Size(max = 3) String> tags) {
        return Canonical.of(tags);
    }

    @FonellaTool(description = "Echoes a GET call", method = ToolMethod.GET)
    public String lookup(String query, int limit, boolean exact, List<String> tags, BigDecimal amount, LocalDate day,
            Seating seating, Party party, Optional<Double> radius) {
        return Canonical.of(query, limit, exact, tags, amount, day, seating, party, radius);
    }
}
