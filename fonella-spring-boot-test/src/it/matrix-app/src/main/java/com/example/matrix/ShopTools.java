package com.example.matrix;

import ai.fonella.model.ToolMethod;
import ai.fonella.tool.FonellaTool;
import ai.fonella.tool.ToolParam;
import ai.fonella.tool.ToolResultException;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.springframework.stereotype.Component;

/** Tools whose schemas use records, enums, constraints, dates, lists and text that needs escaping. */
@Component
public class ShopTools {

    /** Counted down when {@link #slowStockCheck} is interrupted at its deadline. */
    public volatile CountDownLatch interrupted = new CountDownLatch(1);

    /** The size of a parcel. */
    public enum Size { S, M, XL }

    /**
     * An order line.
     *
     * @param sku the article
     * @param quantity how many
     */
    public record Line(
            @ToolParam(description = "Article number, e.g. \"SKU-1\" (München warehouse)") @Pattern(regexp = "SKU-\\d+") String sku,
            @ToolParam(description = "How many") @Min(1) @Max(99) int quantity) {
    }

    @FonellaTool(description = "Look up the status of a customer order by order number")
    public String lookupOrder(@ToolParam(description = "The order number, e.g. A-1001") String orderNumber) {
        if (!orderNumber.equals("A-1001")) {
            throw new ToolResultException("I could not find order " + orderNumber + ".");
        }
        return "Order A-1001 has shipped.";
    }

    @FonellaTool(description = "Place an order for delivery on a day")
    public String placeOrder(List<Line> lines, Size parcel,
            @ToolParam(description = "Delivery day", required = ToolParam.Requirement.OPTIONAL) LocalDate day) {
        int items = lines.stream().mapToInt(Line::quantity).sum();
        return "Placed " + items + " items in a " + parcel + " parcel" + (day == null ? "." : " for " + day + ".");
    }

    @FonellaTool(description = "Count the open orders of a region", method = ToolMethod.GET)
    public int openOrders(@ToolParam(description = "north or south") String region) {
        return region.equals("north") ? 3 : 0;
    }

    @FonellaTool(description = "Check the stock of the central warehouse, which is slow", timeout = "300ms")
    public String slowStockCheck() {
        try {
            Thread.sleep(10_000);
            return "in stock";
        } catch (InterruptedException e) {
            interrupted.countDown();
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
