package ai.fonella.spring.boot.reliability.replicas;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the handlers of all instances (one JVM, three Spring contexts) did in one run: the effects
 * per event, the failures, and the instance that hangs mid-handler to be killed.
 */
final class Scenario {

    static volatile Scenario current = new Scenario(null);

    final String victim;
    final AtomicLong handlerCalls = new AtomicLong();
    final AtomicInteger injectedFailures = new AtomicInteger();
    final Map<String, AtomicInteger> effects = new ConcurrentHashMap<>();
    final Map<String, String> effectReplica = new ConcurrentHashMap<>();
    final Map<String, Long> effectNanos = new ConcurrentHashMap<>();
    final AtomicBoolean hangArmed = new AtomicBoolean();
    final CountDownLatch hanging = new CountDownLatch(1);
    final CountDownLatch killed = new CountDownLatch(1);
    volatile String hungEvent;
    volatile long hungAtNanos;

    Scenario(String victim) {
        this.victim = victim;
    }

    /** Whether this call is the one that hangs: the first on the victim after the hang is armed. */
    boolean hangHere(String replica, String eventId) {
        if (!replica.equals(victim) || !hangArmed.compareAndSet(true, false)) {
            return false;
        }
        hungEvent = eventId;
        hungAtNanos = System.nanoTime();
        hanging.countDown();
        return true;
    }

    void awaitKill() {
        try {
            killed.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void effect(String eventId, String replica) {
        effects.computeIfAbsent(eventId, id -> new AtomicInteger()).incrementAndGet();
        effectReplica.put(eventId, replica);
        effectNanos.put(eventId, System.nanoTime());
    }
}
