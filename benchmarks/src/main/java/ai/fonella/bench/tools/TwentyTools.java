package ai.fonella.bench.tools;

import ai.fonella.tool.FonellaTool;
import ai.fonella.tool.ToolParam;
import java.lang.reflect.Method;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.ai.tool.annotation.Tool;

/**
 * Twenty tool methods of the kinds a phone assistant uses (strings, numbers, enums, dates, records,
 * nested records, lists, maps, optionals), annotated for Fonella and for Spring AI, for schema
 * generation and startup benchmarks. The bodies are trivial.
 */
public class TwentyTools {

    public enum Priority { LOW, NORMAL, URGENT }

    public enum Channel { SMS, EMAIL, CALLBACK }

    public record Address(String street, String city, String postalCode, String country) {
    }

    public record Customer(String name, String phone, Optional<String> email, Address address) {
    }

    public record LineItem(String sku, int quantity, double unitPrice) {
    }

    public record Order(String orderNumber, Customer customer, List<LineItem> items, Priority priority) {
    }

    public record Slot(LocalDate date, String time, int durationMinutes) {
    }

    /** The 20 tool methods, in a stable order. */
    public static List<Method> toolMethods() {
        return Arrays.stream(TwentyTools.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(FonellaTool.class))
                .sorted(Comparator.comparing(Method::getName))
                .toList();
    }

    @FonellaTool(description = "Looks up an order by its number")
    @Tool(description = "Looks up an order by its number")
    public String lookupOrder(@ToolParam(description = "The order number, e.g. A-1042") String orderNumber) {
        return orderNumber;
    }

    @FonellaTool(description = "Cancels an order")
    @Tool(description = "Cancels an order")
    public String cancelOrder(String orderNumber, String reason, boolean refund) {
        return orderNumber;
    }

    @FonellaTool(description = "Places an order")
    @Tool(description = "Places an order")
    public String placeOrder(Order order) {
        return order.orderNumber();
    }

    @FonellaTool(description = "Adds items to an order")
    @Tool(description = "Adds items to an order")
    public String addItems(String orderNumber, List<LineItem> items) {
        return orderNumber;
    }

    @FonellaTool(description = "Finds free appointment slots")
    @Tool(description = "Finds free appointment slots")
    public String findSlots(LocalDate from, LocalDate to, Optional<Integer> durationMinutes) {
        return "none";
    }

    @FonellaTool(description = "Books an appointment slot")
    @Tool(description = "Books an appointment slot")
    public String bookSlot(Slot slot, Customer customer, String notes) {
        return "ok";
    }

    @FonellaTool(description = "Moves an appointment")
    @Tool(description = "Moves an appointment")
    public String moveAppointment(UUID appointmentId, Slot newSlot) {
        return "ok";
    }

    @FonellaTool(description = "Creates a support ticket")
    @Tool(description = "Creates a support ticket")
    public String createTicket(String subject, String description, Priority priority, List<String> tags) {
        return "T-1";
    }

    @FonellaTool(description = "Escalates a ticket to a human")
    @Tool(description = "Escalates a ticket to a human")
    public String escalate(String ticketId, Priority priority, Channel channel) {
        return "ok";
    }

    @FonellaTool(description = "Sends a message to the customer")
    @Tool(description = "Sends a message to the customer")
    public String notifyCustomer(Channel channel, String to, String text) {
        return "sent";
    }

    @FonellaTool(description = "Updates the customer's address")
    @Tool(description = "Updates the customer's address")
    public String updateAddress(String customerId, Address address) {
        return "ok";
    }

    @FonellaTool(description = "Looks up a customer by phone number")
    @Tool(description = "Looks up a customer by phone number")
    public String findCustomer(String phone) {
        return phone;
    }

    @FonellaTool(description = "Registers a new customer")
    @Tool(description = "Registers a new customer")
    public String registerCustomer(Customer customer, boolean marketingConsent) {
        return "C-1";
    }

    @FonellaTool(description = "Checks stock of a product")
    @Tool(description = "Checks stock of a product")
    public String checkStock(String sku, Optional<String> warehouse) {
        return "12";
    }

    @FonellaTool(description = "Quotes the delivery cost")
    @Tool(description = "Quotes the delivery cost")
    public String quoteDelivery(Address to, double weightKg, Priority priority) {
        return "4.90";
    }

    @FonellaTool(description = "Tracks a parcel")
    @Tool(description = "Tracks a parcel")
    public String trackParcel(String trackingNumber) {
        return "in transit";
    }

    @FonellaTool(description = "Schedules a callback")
    @Tool(description = "Schedules a callback")
    public String scheduleCallback(String phone, OffsetDateTime at, String topic) {
        return "ok";
    }

    @FonellaTool(description = "Applies a discount code")
    @Tool(description = "Applies a discount code")
    public String applyDiscount(String orderNumber, String code) {
        return "ok";
    }

    @FonellaTool(description = "Records survey answers")
    @Tool(description = "Records survey answers")
    public String recordSurvey(String callId, Map<String, Integer> scores, Optional<String> comment) {
        return "thanks";
    }

    @FonellaTool(description = "Reports the opening hours of a store")
    @Tool(description = "Reports the opening hours of a store")
    public String openingHours(String storeId, LocalDate date) {
        return "9-18";
    }
}
