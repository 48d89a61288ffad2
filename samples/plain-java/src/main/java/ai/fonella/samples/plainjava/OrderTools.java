package ai.fonella.samples.plainjava;

import ai.fonella.tool.FonellaTool;
import ai.fonella.tool.ToolCallContext;
import ai.fonella.tool.ToolParam;
import ai.fonella.tool.ToolResultException;
import jakarta.validation.constraints.Pattern;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The tools: plain methods with {@code @FonellaTool}. The order book lives in memory here; in your
 * app it is your database or service.
 */
public final class OrderTools {

    private static final java.util.regex.Pattern PHONE = java.util.regex.Pattern.compile("\\+[1-9][0-9]{6,14}");

    private final Map<String, OrderStatus> orders = Map.of(
            "A-1001", OrderStatus.SHIPPED,
            "A-1002", OrderStatus.PLACED,
            "A-1003", OrderStatus.DELIVERED);
    private final List<Callback> callbacks = new CopyOnWriteArrayList<>();

    @FonellaTool(description = "Looks up a customer's order by its order number and tells its status.")
    public String lookupOrder(OrderQuery query) {
        String number = query.orderNumber().strip().toUpperCase(Locale.ROOT);
        OrderStatus status = orders.get(number);
        if (status == null) {
            // Said to the caller as is.
            throw new ToolResultException("I could not find order " + query.orderNumber()
                    + ". Could you check the number?");
        }
        String answer = "Order " + number + " is " + status.name().toLowerCase(Locale.ROOT) + ".";
        return query.expectedStatus() == null ? answer : (query.expectedStatus() == status ? "Yes. " : "No. ") + answer;
    }

    /**
     * Without a Bean Validation provider nothing enforces {@code @Pattern}: it informs the schema
     * (and so the assistant), and the method checks the number itself.
     */
    @FonellaTool(description = "Books a callback from the shop at the given day and time.")
    public String bookCallback(
            @ToolParam(description = "The day of the callback") LocalDate date,
            @ToolParam(description = "The time of day, between 09:00 and 18:00") LocalTime time,
            @ToolParam(description = "The number to call back, in international format, e.g. +4915112345678")
            @Pattern(regexp = "\\+[1-9][0-9]{6,14}") String phoneNumber,
            ToolCallContext context) {
        if (!PHONE.matcher(phoneNumber).matches()) {
            throw new ToolResultException("The phone number must be in international format, like +49 151 12345678.");
        }
        if (date.isBefore(LocalDate.now())) {
            throw new ToolResultException("That day is in the past. Which day would suit you?");
        }
        callbacks.add(new Callback(context.callId(), phoneNumber, date, time));
        return "The callback is booked for " + date + " at " + time + ".";
    }

    /** @return the callbacks booked so far */
    public List<Callback> callbacks() {
        return List.copyOf(callbacks);
    }

    /** Where an order stands; the schema lists these names as an {@code enum}. */
    public enum OrderStatus {
        PLACED, SHIPPED, DELIVERED
    }

    /**
     * The arguments of {@link #lookupOrder}; as its only parameter, its components become the
     * schema's top-level properties.
     *
     * @param orderNumber the order number
     * @param expectedStatus the status the caller asks about, if any
     */
    public record OrderQuery(
            @ToolParam(description = "The order number the caller gives, e.g. A-1001") String orderNumber,
            @ToolParam(description = "The status the caller asks about, if they said one",
                    required = ToolParam.Requirement.OPTIONAL) OrderStatus expectedStatus) {
    }

    /**
     * A booked callback.
     *
     * @param callId the call during which it was booked, or {@code null}
     * @param phoneNumber the number to call
     * @param date the day
     * @param time the time of day
     */
    public record Callback(String callId, String phoneNumber, LocalDate date, LocalTime time) {
    }
}
