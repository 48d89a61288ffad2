package ai.fonella.spring.boot.reliability;

import ai.fonella.model.ToolMethod;
import ai.fonella.tool.FonellaTool;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Tools the reliability tests call: fast, slow, strictly typed. */
public class ProbeTools {

    /** How often the slow tool was interrupted, and a latch per interruption. */
    public final AtomicInteger slowInterrupted = new AtomicInteger();
    public final AtomicInteger slowCompleted = new AtomicInteger();
    public volatile CountDownLatch slowInterruption = new CountDownLatch(1);

    /** A size. */
    public enum Size { SMALL, MEDIUM, LARGE }

    /** A nested argument. */
    public record Guest(String name, int age) {
    }

    @FonellaTool(description = "Echo the text back")
    public String echo(String text) {
        return text;
    }

    @FonellaTool(description = "Answer at once")
    public String fast(int n) {
        return "ok " + n;
    }

    /** The gate: every caller counts down the arrivals, then waits until the gate opens. */
    public volatile CountDownLatch gateArrivals = new CountDownLatch(0);
    public volatile CountDownLatch gateOpen = new CountDownLatch(0);

    @FonellaTool(description = "Wait at the gate until it opens", timeout = "4s")
    public String gate(int n) throws InterruptedException {
        gateArrivals.countDown();
        gateOpen.await(4, TimeUnit.SECONDS);
        return "passed " + n;
    }

    @FonellaTool(description = "Take ten seconds, far beyond the deadline")
    public String slow() {
        try {
            Thread.sleep(TimeUnit.SECONDS.toMillis(10));
            slowCompleted.incrementAndGet();
            return "too late";
        } catch (InterruptedException e) {
            slowInterrupted.incrementAndGet();
            slowInterruption.countDown();
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    @FonellaTool(description = "Book a table")
    public String book(String name, int partySize, LocalDate day, Size size, List<String> wishes, Guest host,
            Optional<String> note) {
        return "Booked for " + partySize + " on " + day + " (" + size + ", host " + host.name() + ", " + wishes.size()
                + " wishes" + note.map(n -> ", " + n.length() + " characters of notes").orElse("") + ").";
    }

    @FonellaTool(description = "Find a place near a guest", method = ToolMethod.GET)
    public String near(Guest guest, int radius) {
        return guest.name() + " within " + radius;
    }
}
