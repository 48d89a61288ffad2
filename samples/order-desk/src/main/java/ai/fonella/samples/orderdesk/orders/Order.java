package ai.fonella.samples.orderdesk.orders;

import java.time.LocalDate;

/**
 * An order, as stored in the {@code orders} table.
 *
 * @param orderNumber e.g. {@code A-1001}
 * @param customerName who ordered
 * @param items what was ordered, as text
 * @param status where it stands
 * @param expectedDelivery when it should arrive, or {@code null} when not known
 */
public record Order(String orderNumber, String customerName, String items, OrderStatus status,
        LocalDate expectedDelivery) {
}
