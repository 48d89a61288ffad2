package ai.fonella.bench.tools;

import ai.fonella.tool.FonellaTool;
import ai.fonella.tool.ToolParam;
import org.springframework.ai.tool.annotation.Tool;

/**
 * The tool every invocation benchmark calls: three arguments (a string, an enum, a record), a short
 * string result. Annotated for Fonella and for Spring AI, so both call the identical method.
 */
public class BookingTools {

    /** Where the party sits. */
    public enum Seating { INDOOR, TERRACE, BAR }

    /**
     * The party.
     *
     * @param adults adults
     * @param children children
     * @param note a note for the kitchen
     */
    public record Party(int adults, int children, String note) {
    }

    /** The JSON arguments every benchmark sends. */
    public static final String ARGUMENTS_JSON =
            "{\"customerName\":\"Ada Lovelace\",\"seating\":\"TERRACE\","
            + "\"party\":{\"adults\":2,\"children\":1,\"note\":\"one high chair\"}}";

    /**
     * Books a table.
     *
     * @param customerName the name
     * @param seating where
     * @param party who
     * @return the confirmation the assistant reads out
     */
    @FonellaTool(description = "Books a table for a party")
    @Tool(description = "Books a table for a party")
    public String bookTable(
            @ToolParam(description = "The customer's full name")
            @org.springframework.ai.tool.annotation.ToolParam(description = "The customer's full name")
            String customerName,
            @ToolParam(description = "Where the party wants to sit")
            @org.springframework.ai.tool.annotation.ToolParam(description = "Where the party wants to sit")
            Seating seating,
            @ToolParam(description = "Who is coming")
            @org.springframework.ai.tool.annotation.ToolParam(description = "Who is coming")
            Party party) {
        return "Booked " + seating.name().toLowerCase() + " for " + customerName + ", "
                + (party.adults() + party.children()) + " guests.";
    }
}
