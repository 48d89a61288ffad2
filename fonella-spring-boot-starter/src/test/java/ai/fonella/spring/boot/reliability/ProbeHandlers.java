package ai.fonella.spring.boot.reliability;

import ai.fonella.event.CallEndedEvent;
import ai.fonella.event.CallFailedEvent;
import ai.fonella.event.CallTranscriptEvent;
import ai.fonella.event.OnFonellaEvent;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Event handlers that count what they do, per event id. */
public class ProbeHandlers {

    /** {@code call.ended}: runs per event, with the call id each run saw. */
    public final Map<String, AtomicInteger> endedRuns = new ConcurrentHashMap<>();
    public final Map<String, String> endedCallIds = new ConcurrentHashMap<>();
    /** How long the {@code call.ended} handler takes, so that concurrent deliveries overlap. */
    public volatile long endedHoldMillis;

    /** {@code call.failed}: a handler that fails on its first attempt per event, and one that never fails. */
    public final Map<String, AtomicInteger> flakyAttempts = new ConcurrentHashMap<>();
    public final Map<String, AtomicInteger> flakyEffects = new ConcurrentHashMap<>();
    public final Map<String, AtomicInteger> steadyRuns = new ConcurrentHashMap<>();

    /** {@code call.transcript}: the load handler, failing {@link #transcriptFailurePercent} % of calls. */
    public final Map<String, AtomicInteger> transcriptHandled = new ConcurrentHashMap<>();
    public final AtomicInteger transcriptFailures = new AtomicInteger();
    public volatile int transcriptFailurePercent;
    private final SplittableRandom random = new SplittableRandom(20_261_124L);

    @OnFonellaEvent
    public void ended(CallEndedEvent event) throws InterruptedException {
        if (endedHoldMillis > 0) {
            Thread.sleep(endedHoldMillis);
        }
        endedRuns.computeIfAbsent(event.id(), id -> new AtomicInteger()).incrementAndGet();
        if (event.call() != null) {
            endedCallIds.put(event.id(), event.call().id());
        }
    }

    @OnFonellaEvent
    public void flaky(CallFailedEvent event) {
        if (flakyAttempts.computeIfAbsent(event.id(), id -> new AtomicInteger()).incrementAndGet() == 1) {
            throw new IllegalStateException("The first attempt at " + event.id() + " fails on purpose");
        }
        flakyEffects.computeIfAbsent(event.id(), id -> new AtomicInteger()).incrementAndGet();
    }

    @OnFonellaEvent
    public void steady(CallFailedEvent event) {
        steadyRuns.computeIfAbsent(event.id(), id -> new AtomicInteger()).incrementAndGet();
    }

    @OnFonellaEvent
    public void transcript(CallTranscriptEvent event) {
        boolean fail;
        synchronized (random) {
            fail = random.nextInt(100) < transcriptFailurePercent;
        }
        if (fail) {
            transcriptFailures.incrementAndGet();
            throw new IllegalStateException("A random failure of the load handler");
        }
        transcriptHandled.computeIfAbsent(event.id(), id -> new AtomicInteger()).incrementAndGet();
    }
}
