package ai.fonella.tool;

import ai.fonella.model.ToolMethod;
import ai.fonella.tool.ToolParam.Requirement;
import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;

/**
 * The matrix of tool methods whose schemas are pinned by golden files in
 * {@code src/test/resources/schemas/<toolName>.json}. Each method echoes its arguments so that
 * binding can be checked against the same fixtures.
 */
public class SchemaFixtures {

    /** An enum with a renamed constant. */
    public enum Color {
        RED,
        @JsonProperty("dark-green")
        GREEN,
        BLUE
    }

    /** An enum written by its {@code @JsonValue}. */
    public enum CupSize {
        SMALL("s"), LARGE("l");

        private final String code;

        CupSize(String code) {
            this.code = code;
        }

        @JsonValue
        public String code() {
            return code;
        }
    }

    /** A nested record. */
    @JsonClassDescription("A postal address")
    public record Address(
            @ToolParam(description = "Street and number") String street,
            @JsonPropertyDescription("Postal code") String zip,
            String city,
            Optional<String> floor,
            @org.jspecify.annotations.Nullable String careOf,
            @Nullable String note) {
    }

    /** The arguments object of a flattened tool. */
    public record Booking(
            @ToolParam(description = "Who books") String name,
            @ToolParam(name = "phoneNumber", description = "E.164 phone number") String phone,
            @JsonProperty("partySize") int guests,
            LocalDateTime at,
            Optional<String> wishes,
            @ToolParam(required = Requirement.OPTIONAL) Address address,
            @JsonIgnore String internal,
            List<Color> colors) {
    }

    /** A bean with getters and setters. */
    public static class CustomerBean {
        private String name;
        private int age;
        @JsonPropertyDescription("Loyalty level, 1 to 3")
        private Integer level;

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public int getAge() {
            return age;
        }

        public void setAge(int age) {
            this.age = age;
        }

        public Integer getLevel() {
            return level;
        }

        public void setLevel(Integer level) {
            this.level = level;
        }
    }

    /** A recursive record. */
    public record Category(String name, List<Category> children, Optional<Category> parent) {
    }

    /** A record with constrained components. */
    public record Constrained(@NotBlank @Size(max = 8) String code, @Min(1) @Max(99) int quantity,
            @Email String email, @NotEmpty List<String> tags) {
    }

    @FonellaTool(description = "Every scalar type")
    public String scalars(String text, int count, long big, double ratio, float fraction, boolean flag, short small,
            byte tiny, char letter, Integer boxedCount, Long boxedBig, Double boxedRatio, Boolean boxedFlag,
            BigDecimal amount, BigInteger huge) {
        return text + "|" + count + "|" + big + "|" + ratio + "|" + fraction + "|" + flag + "|" + small + "|" + tiny
                + "|" + letter + "|" + boxedCount + "|" + boxedBig + "|" + boxedRatio + "|" + boxedFlag + "|"
                + amount + "|" + huge;
    }

    @FonellaTool(description = "Required and optional parameters")
    public String optionals(String always, Optional<String> note, OptionalInt count,
            @org.jspecify.annotations.Nullable String jspecify, @Nullable String declared,
            @ToolParam(required = Requirement.OPTIONAL) String optionalByAnnotation,
            @ToolParam(required = Requirement.REQUIRED) Optional<String> requiredOptional,
            @ToolParam(required = Requirement.OPTIONAL) int optionalPrimitive) {
        return always + "|" + note.orElse("-") + "|" + (count.isPresent() ? count.getAsInt() : "-") + "|" + jspecify
                + "|" + declared + "|" + optionalByAnnotation + "|" + requiredOptional.orElse("-") + "|"
                + optionalPrimitive;
    }

    @FonellaTool(description = "Enums")
    public String enums(Color color, CupSize size, List<Color> palette) {
        return color + "|" + size + "|" + palette;
    }

    @FonellaTool(description = "Descriptions and names")
    public String descriptions(@ToolParam(description = "From ToolParam") String first,
            @JsonPropertyDescription("From Jackson") String second,
            @ToolParam(description = "ToolParam wins") @JsonPropertyDescription("Jackson loses") String third,
            @ToolParam(name = "renamed") String fourth, @JsonProperty("jsonRenamed") String fifth) {
        return first + "|" + second + "|" + third + "|" + fourth + "|" + fifth;
    }

    @FonellaTool(description = "Collections and maps")
    public String collections(List<String> tags, Set<Integer> ids, String[] names, int[] numbers,
            List<List<String>> matrix, Map<String, Integer> counts, Map<String, List<String>> groups) {
        return tags + "|" + ids + "|" + List.of(names) + "|" + numbers.length + "|" + matrix + "|" + counts + "|"
                + groups;
    }

    @FonellaTool(description = "Identifiers, dates, times and durations")
    public String dates(UUID id, LocalDate day, LocalTime time, OffsetDateTime offsetDateTime, Instant instant,
            ZonedDateTime zoned, LocalDateTime local, Duration duration) {
        return id + "|" + day + "|" + time + "|" + offsetDateTime + "|" + instant + "|" + zoned + "|" + local + "|"
                + duration;
    }

    @FonellaTool(description = "A record whose components are the arguments")
    public String flattened(Booking booking) {
        return booking.name() + "|" + booking.phone() + "|" + booking.guests() + "|" + booking.at() + "|"
                + booking.wishes().orElse("-") + "|" + (booking.address() == null ? "-" : booking.address().city())
                + "|" + booking.colors();
    }

    @FonellaTool(description = "A record kept under its name")
    public String wrapped(@ToolParam(name = "booking", description = "The booking") Booking booking) {
        return booking.name();
    }

    @FonellaTool(description = "A bean whose properties are the arguments")
    public String bean(CustomerBean customer) {
        return customer.getName() + "|" + customer.getAge() + "|" + customer.getLevel();
    }

    @FonellaTool(description = "A record and a scalar")
    public String recordAndScalar(@ToolParam(description = "Where to deliver") Address address, String note) {
        return address.city() + "|" + note;
    }

    @FonellaTool(description = "A type used twice becomes a definition")
    public String shared(Address home, Address work, Color first, Color second) {
        return home.city() + "|" + work.city() + "|" + first + "|" + second;
    }

    @FonellaTool(description = "A recursive record as the arguments object")
    public String recursive(Category category) {
        return category.name() + "|" + category.children().size();
    }

    @FonellaTool(description = "A recursive record among other parameters")
    public String recursiveParameter(Category category, int depth) {
        return category.name() + "|" + depth;
    }

    @FonellaTool(description = "Jakarta Validation constraints on parameters")
    public String constraints(@NotBlank @Size(max = 20) String code, @Min(1) @Max(10) int quantity,
            @Positive BigDecimal amount, @PositiveOrZero int tip, @Pattern(regexp = "^\\+[0-9]{7,15}$") String phone,
            @Email String email, @Size(min = 1, max = 3) List<String> items, @NotEmpty Map<String, String> labels) {
        return code + "|" + quantity + "|" + amount + "|" + tip + "|" + phone + "|" + email + "|" + items + "|"
                + labels;
    }

    @FonellaTool(description = "Jakarta Validation constraints on the elements of parameters")
    public String constrainedElements(@Size(max = 2) List<@NotBlank @Size(max = 3) String> tags,
            Map<String, @Min(1) Integer> counts, Optional<@Size(max = 3) String> note,
            List<List<@Max(9) Integer>> grid) {
        return tags + "|" + counts + "|" + note + "|" + grid;
    }

    @FonellaTool(description = "Jakarta Validation constraints on record components")
    public String constrainedRecord(Constrained order) {
        return order.code() + "|" + order.quantity();
    }

    @FonellaTool(description = "Context parameters are injected, not arguments", method = ToolMethod.GET)
    public String context(ToolCallContext context, String query, ToolCallContext again) {
        return query + "|" + context.callId() + "|" + (context == again);
    }

    @FonellaTool(description = "No parameters at all")
    public String noParameters() {
        return "none";
    }
}
