package ai.fonella.samples.orderdesk.orders;

import ai.fonella.tool.FonellaTool;
import ai.fonella.tool.ToolResultException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.stereotype.Component;

/** The assistant's view of the order book. */
@Component
public class OrderTools {

    private static final DateTimeFormatter SPOKEN_DATE = DateTimeFormatter.ofPattern("EEEE, d MMMM", Locale.ENGLISH);

    private final OrderRepository orders;

    public OrderTools(OrderRepository orders) {
        this.orders = orders;
    }

    /**
     * The returned text is what the assistant says. An unknown order ends the invocation with a
     * {@link ToolResultException}, whose message the assistant says as is.
     */
    @FonellaTool(description = "Looks up a customer's order by its order number and tells what was ordered, "
            + "its status and when it should arrive.")
    public String lookupOrder(OrderQuery query) {
        Order order = orders.find(query.orderNumber()).orElseThrow(() -> new ToolResultException(
                "I could not find order " + query.orderNumber() + ". Could you check the number?"));
        StringBuilder answer = new StringBuilder();
        if (query.expectedStatus() != null) {
            answer.append(query.expectedStatus() == order.status() ? "Yes. " : "Not quite. ");
        }
        answer.append("Order ").append(order.orderNumber()).append(" (").append(order.items()).append(") ")
                .append(order.status().spoken()).append('.');
        LocalDate expected = order.expectedDelivery();
        if (expected != null && order.status() != OrderStatus.DELIVERED && order.status() != OrderStatus.CANCELLED) {
            answer.append(" It should arrive on ").append(SPOKEN_DATE.format(expected)).append('.');
        }
        return answer.toString();
    }
}
