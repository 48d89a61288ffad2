package ai.fonella.spring.boot.it.app;

import ai.fonella.tool.FonellaTool;
import ai.fonella.tool.ToolCallContext;
import ai.fonella.tool.ToolResultException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.stereotype.Component;

/** Order tools, discovered by component scanning. */
@Component
public class OrderTools {

    private static final Map<String, OrderStatus> ORDERS = Map.of("A-1001", OrderStatus.SHIPPED,
            "A-1002", OrderStatus.PLACED);

    /** Call ids seen by {@link #lookupOrder}. */
    public final List<String> callIds = new CopyOnWriteArrayList<>();

    @FonellaTool(description = "Look up the status of a customer order by order number")
    public String lookupOrder(OrderQuery query, ToolCallContext context) {
        context.findCallId().ifPresent(callIds::add);
        OrderStatus status = ORDERS.get(query.orderNumber());
        if (status == null) {
            throw new ToolResultException("I could not find order " + query.orderNumber() + ".");
        }
        return "Order " + query.orderNumber() + " is " + status.name().toLowerCase() + ".";
    }

    @FonellaTool(description = "Count open orders", method = ai.fonella.model.ToolMethod.GET)
    public int openOrders(String region) {
        return region.equals("north") ? 3 : 0;
    }

    @FonellaTool(description = "A tool that takes too long", timeout = "300ms")
    public String slowTool() throws InterruptedException {
        Thread.sleep(10_000);
        return "too late";
    }
}
