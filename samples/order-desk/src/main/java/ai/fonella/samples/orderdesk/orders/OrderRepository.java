package ai.fonella.samples.orderdesk.orders;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads orders; the table is created by {@code schema.sql} and seeded by {@code data.sql}. */
@Repository
public class OrderRepository {

    private final JdbcClient jdbc;

    public OrderRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param orderNumber the number as the caller said it, any case
     * @return the order, if there is one with that number
     */
    public Optional<Order> find(String orderNumber) {
        return jdbc.sql("""
                SELECT order_number, customer_name, items, status, expected_delivery
                FROM orders WHERE order_number = :number""")
                .param("number", orderNumber.strip().toUpperCase(Locale.ROOT))
                .query((rs, row) -> new Order(rs.getString("order_number"), rs.getString("customer_name"),
                        rs.getString("items"), OrderStatus.valueOf(rs.getString("status")),
                        rs.getObject("expected_delivery", LocalDate.class)))
                .optional();
    }
}
