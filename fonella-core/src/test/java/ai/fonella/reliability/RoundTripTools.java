package ai.fonella.reliability;

import ai.fonella.tool.FonellaTool;
import ai.fonella.tool.ToolParam;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Tools whose parameters cover the shapes a schema can describe: every scalar, enums, dates, lists,
 * sets, arrays, maps, nested and recursive records, optional and nullable values. Each echoes what it
 * received, so a round trip can check that the values arrived intact.
 */
public class RoundTripTools {

    /** An enum. */
    public enum Size { SMALL, MEDIUM, LARGE }

    /** A nested record with a required and an optional component. */
    public record Address(String street, String zip, Optional<String> city) {
    }

    /** A record in a list. */
    public record Line(String sku, int quantity, Optional<BigDecimal> price) {
    }

    /** A recursive record. */
    public record Node(String name, List<Node> children) {
    }

    /** A flattened arguments object. */
    public record Order(String orderNumber, List<Line> lines, Address shipTo, Optional<Size> size,
            @ToolParam(required = ToolParam.Requirement.OPTIONAL) String note) {
    }

    @FonellaTool(description = "Scalars")
    public String scalars(String text, int count, long big, double ratio, boolean flag, Integer boxed,
            BigDecimal amount, Size size) {
        return String.join("|", text, String.valueOf(count), String.valueOf(big), String.valueOf(ratio),
                String.valueOf(flag), String.valueOf(boxed), amount.toPlainString(), size.name());
    }

    @FonellaTool(description = "Dates and identifiers")
    public String dates(LocalDate day, LocalTime time, OffsetDateTime at, Instant instant, UUID id) {
        return day + "|" + time + "|" + at + "|" + instant + "|" + id;
    }

    @FonellaTool(description = "Collections")
    public String collections(List<String> tags, Set<Integer> ids, int[] numbers, Map<String, Long> counts,
            List<List<Size>> grid) {
        return tags.size() + "|" + ids.size() + "|" + numbers.length + "|" + counts.size() + "|" + grid.size();
    }

    @FonellaTool(description = "A flattened record with nested records and lists")
    public String order(Order order) {
        return order.orderNumber() + "|" + order.lines().size() + "|" + order.shipTo().street();
    }

    @FonellaTool(description = "A record and optional scalars beside it")
    public String delivery(Address address, Optional<String> instructions, @ToolParam(
            required = ToolParam.Requirement.OPTIONAL) Integer floor) {
        return address.street() + "|" + instructions.orElse("-") + "|" + floor;
    }

    @FonellaTool(description = "A recursive record")
    public String tree(Node root, int depth) {
        return root.name() + "|" + depth;
    }
}
