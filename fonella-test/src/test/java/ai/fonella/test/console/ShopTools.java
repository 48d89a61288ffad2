package ai.fonella.test.console;

import ai.fonella.tool.FonellaTool;
import ai.fonella.tool.ToolParam;
import ai.fonella.tool.ToolResultException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The tools of the console tests' shop, as an app would write them: a required string and an enum,
 * dates and times, and nested records, lists, numbers and booleans, so that every kind of form
 * field is generated from a real schema.
 */
public class ShopTools {

    /** While closed, {@code bookCallback} waits (at most 4 s, below the tool limit): a call to watch live. */
    private volatile CountDownLatch gate = new CountDownLatch(0);

    /** Where an order is. */
    public enum Status { PLACED, SHIPPED, DELIVERED }

    /**
     * One line of an order.
     *
     * @param sku the article
     * @param quantity how many
     */
    public record Item(@ToolParam(description = "The article number") String sku, int quantity) {
    }

    /**
     * Where an order goes.
     *
     * @param street street and number
     * @param city the city
     */
    public record Address(String street, String city) {
    }

    @FonellaTool(description = "Looks up an order by its number and tells its status.")
    public String lookupOrder(@ToolParam(description = "The order number, e.g. A-1001") String orderNumber,
            @ToolParam(description = "The status the caller expects") Optional<Status> expectedStatus) {
        if (!orderNumber.equals("A-1001")) {
            throw new ToolResultException("I could not find order " + orderNumber + ". Could you check the number?");
        }
        String answer = "Order A-1001 (a teapot) has shipped and should arrive the day after tomorrow.";
        return expectedStatus.map(status -> status == Status.SHIPPED ? "Yes. " + answer : "Not quite. " + answer)
                .orElse(answer);
    }

    @FonellaTool(description = "Books a callback on a day and time during shop hours.")
    public String bookCallback(@ToolParam(description = "The day of the callback") LocalDate date,
            @ToolParam(description = "The time of day, between 09:00 and 18:00") LocalTime time,
            @ToolParam(description = "The number to call back, e.g. +4915112345678") String phoneNumber)
            throws InterruptedException {
        gate.await(4, TimeUnit.SECONDS);
        return "The callback is booked for " + date + " at " + time + " on " + phoneNumber + ".";
    }

    /** From now on {@code bookCallback} waits until {@link #open()}. */
    void close() {
        gate = new CountDownLatch(1);
    }

    void open() {
        gate.countDown();
    }

    @FonellaTool(description = "Places an order for delivery.")
    public String placeOrder(List<Item> items, Address delivery, boolean giftWrap,
            @ToolParam(description = "A tip for the courier, in euros", required = ToolParam.Requirement.OPTIONAL)
            Double tip,
            @ToolParam(description = "Labels for the parcel", required = ToolParam.Requirement.OPTIONAL)
            Map<String, String> labels) {
        int pieces = items.stream().mapToInt(Item::quantity).sum();
        return "Ordered " + pieces + " piece(s) for " + delivery.street() + ", " + delivery.city()
                + (giftWrap ? ", gift-wrapped" : "") + (tip == null ? "" : ", with a tip of " + tip + " euros")
                + (labels == null ? "" : ", labelled " + labels) + ".";
    }
}
