package ai.fonella.tool;

import ai.fonella.model.ToolMethod;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** Tools for {@link ToolInvokerTests}. */
public class InvokerFixtures implements Greeter {

    /** An enum with a renamed constant. */
    public enum Shade {
        @JsonProperty("dark-green")
        DARK_GREEN,
        LIGHT
    }

    /** A result record; null fields are left out of its JSON. */
    public record Line(String sku, int quantity, String note) {
    }

    /** A nested argument. */
    public record Address(String street, String zip) {
    }

    /** An argument with a list of records. */
    public record Item(String sku, int quantity) {
    }

    final CountDownLatch started = new CountDownLatch(1);
    final AtomicInteger counted = new AtomicInteger();
    final CountDownLatch interrupted = new CountDownLatch(1);
    final AtomicReference<Thread> handlerThread = new AtomicReference<>();
    volatile boolean stopSpinning;

    @Override
    public String greet(String name) {
        return "Hello " + name + "!";
    }

    @FonellaTool(description = "Returns text with quotes")
    public String quote() {
        return "He said \"hi\" and left.";
    }

    @FonellaTool(description = "Returns a char sequence")
    public CharSequence builder(String text) {
        return new StringBuilder(text).reverse();
    }

    @FonellaTool(description = "Returns nothing")
    public void nothing(String text) {
        handlerThread.set(Thread.currentThread());
    }

    @FonellaTool(description = "Returns an int")
    public int count(int a, int b) {
        counted.incrementAndGet();
        return a + b;
    }

    @FonellaTool(description = "Returns a boolean")
    public boolean available(String sku) {
        return sku.startsWith("A");
    }

    @FonellaTool(description = "Returns a double")
    public double half(double value) {
        return value / 2;
    }

    @FonellaTool(description = "Returns a record")
    public Line line(String sku, int quantity) {
        return new Line(sku, quantity, null);
    }

    @FonellaTool(description = "Returns a list")
    public List<String> list() {
        return List.of("a", "b");
    }

    @FonellaTool(description = "Returns a map")
    public Map<String, Integer> map() {
        Map<String, Integer> map = new LinkedHashMap<>();
        map.put("a", 1);
        map.put("b", 2);
        return map;
    }

    @FonellaTool(description = "Returns an enum")
    public Shade shade() {
        return Shade.DARK_GREEN;
    }

    @FonellaTool(description = "Returns a date")
    public LocalDate date() {
        return LocalDate.of(2026, 11, 24);
    }

    @FonellaTool(description = "Returns an optional")
    public Optional<String> find(String key) {
        return key.equals("known") ? Optional.of("found it") : Optional.empty();
    }

    @FonellaTool(description = "Returns null")
    public String nothingFound() {
        return null;
    }

    @FonellaTool(description = "Returns an explicit result")
    public ToolResult book(boolean free) {
        return free ? ToolResult.success("Booked.") : ToolResult.failure("That slot is taken.");
    }

    @FonellaTool(description = "Returns a completion stage")
    public CompletionStage<String> later(String text) {
        return CompletableFuture.supplyAsync(() -> "later " + text);
    }

    @FonellaTool(description = "Returns a completion stage of nothing")
    public CompletableFuture<Void> laterNothing() {
        return CompletableFuture.runAsync(() -> { });
    }

    @FonellaTool(description = "Returns a failed completion stage")
    public CompletionStage<String> laterFailing() {
        return CompletableFuture.failedFuture(new ToolResultException("Nothing to do later."));
    }

    @FonellaTool(description = "Returns a completion stage that never completes", timeout = "200ms")
    public CompletableFuture<String> never() {
        return new CompletableFuture<>();
    }

    @FonellaTool(description = "Throws a result exception")
    public String lookupOrder(String orderNumber, int quantity) {
        throw new ToolResultException("I could not find order " + orderNumber + ".");
    }

    @FonellaTool(description = "Throws something unexpected")
    public String broken() {
        throw new IllegalStateException("database password rejected");
    }

    @FonellaTool(description = "Takes a nested record")
    public String deliver(Address address, List<Item> items) {
        return address.street() + " " + address.zip() + " " + items.size();
    }

    @FonellaTool(description = "A GET tool", method = ToolMethod.GET)
    public String search(String query, int limit, boolean exact, List<String> tags, Address near, Shade shade,
            Optional<Double> radius) {
        return query + "|" + limit + "|" + exact + "|" + tags + "|" + near.zip() + "|" + shade + "|"
                + radius.orElse(-1.0);
    }

    @FonellaTool(description = "Reads the context")
    public String whoCalls(ToolCallContext context, String name) {
        return name + " in call " + context.callId() + "/" + context.toolCallId() + " via "
                + context.header("User-Agent").orElse("?");
    }

    @FonellaTool(description = "Blocks until interrupted", timeout = "200ms")
    public String block() {
        handlerThread.set(Thread.currentThread());
        started.countDown();
        try {
            new CountDownLatch(1).await();
            return "woke up";
        } catch (InterruptedException e) {
            interrupted.countDown();
            return "interrupted";
        }
    }

    @FonellaTool(description = "Spins and ignores interrupts", timeout = "200ms")
    public String spin() {
        started.countDown();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (!stopSpinning && System.nanoTime() < until) {
            Thread.onSpinWait();
        }
        return "done spinning";
    }

    @FonellaTool(description = "Static addition")
    public static long add(long a, long b) {
        return a + b;
    }
}
