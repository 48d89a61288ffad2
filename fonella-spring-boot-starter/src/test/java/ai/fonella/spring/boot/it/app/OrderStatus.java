package ai.fonella.spring.boot.it.app;

/** Status of an order. */
public enum OrderStatus {
    PLACED, SHIPPED, DELIVERED
}
