package ai.fonella.samples.orderdesk.orders;

/** Where an order stands. The assistant sees these names as the {@code enum} of the schema. */
public enum OrderStatus {
    PLACED, PACKED, SHIPPED, DELIVERED, CANCELLED;

    /** How the assistant says it. */
    String spoken() {
        return switch (this) {
            case PLACED -> "has been placed and is waiting to be packed";
            case PACKED -> "is packed and leaves the warehouse today";
            case SHIPPED -> "has shipped";
            case DELIVERED -> "has been delivered";
            case CANCELLED -> "was cancelled";
        };
    }
}
