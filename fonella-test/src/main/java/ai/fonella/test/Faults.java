package ai.fonella.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Fault injection for resilience tests: injected answers for the next API requests, latency added
 * to every API answer, and failed webhook delivery attempts. Get it from
 * {@link FonellaEmulator#faults()}. Thread-safe. Admin endpoints ({@code /_emulator/...}) are never
 * affected. To refuse connections altogether, use {@link FonellaEmulator#stop()} and
 * {@link FonellaEmulator#restart()}.
 *
 * <p>Injected faults are used in the order they were added: a request takes one use of the first
 * fault that matches it.
 */
public final class Faults {

    private final List<Pending> pending = new ArrayList<>();
    private final Map<String, Integer> failingDeliveries = new HashMap<>();
    private volatile Duration latency = Duration.ZERO;

    Faults() {
    }

    /**
     * Answers the next {@code count} API requests with {@code status} and the JSON error body.
     *
     * @param count how many requests, at least 1
     * @param status the HTTP status, e.g. 500 or 503
     * @return this, for chaining
     */
    public Faults failNext(int count, int status) {
        return inject(Fault.status(status).times(count));
    }

    /**
     * Answers the next {@code count} requests with this method and path with {@code status}.
     *
     * @param count how many requests, at least 1
     * @param status the HTTP status
     * @param method e.g. {@code GET}, or {@code null} for any
     * @param path e.g. {@code /v1/calls} (also matches paths below it), or {@code null} for any
     * @return this, for chaining
     */
    public Faults failNext(int count, int status, String method, String path) {
        return inject(Fault.status(status).times(count).on(method, path));
    }

    /**
     * Answers the next {@code count} API requests with 429 {@code rate_limited} and {@code Retry-After}.
     *
     * @param count how many requests, at least 1
     * @param retryAfter the wait to ask for, sent in whole seconds
     * @return this, for chaining
     */
    public Faults rateLimitNext(int count, Duration retryAfter) {
        return inject(Fault.status(429).times(count).retryAfter(retryAfter));
    }

    /**
     * Adds a fault after those already pending.
     *
     * @param fault the fault
     * @return this, for chaining
     */
    public Faults inject(Fault fault) {
        Objects.requireNonNull(fault, "fault");
        synchronized (pending) {
            pending.add(new Pending(fault, fault.times()));
        }
        return this;
    }

    /**
     * Makes the next {@code count} delivery attempts to one webhook subscription fail: they are
     * recorded as failed without being sent, count in the subscription's {@code failureCount}, and
     * are retried as any failed attempt (so one failure is followed by a retry that reaches the
     * receiver).
     *
     * @param webhookId the subscription's id
     * @param count how many attempts, at least 1
     * @return this, for chaining
     */
    public Faults failNextDeliveries(String webhookId, int count) {
        Objects.requireNonNull(webhookId, "webhookId");
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, but was " + count);
        }
        synchronized (pending) {
            failingDeliveries.merge(webhookId, count, Integer::sum);
        }
        return this;
    }

    /**
     * How many delivery attempts to a subscription are still to fail.
     *
     * @param webhookId the subscription's id
     * @return the remaining injected failures, 0 for none
     */
    public int pendingDeliveryFailures(String webhookId) {
        synchronized (pending) {
            return failingDeliveries.getOrDefault(webhookId, 0);
        }
    }

    /**
     * Delays every API answer, faults included, by this much.
     *
     * @param latency the delay; {@link Duration#ZERO} for none
     * @return this, for chaining
     */
    public Faults latency(Duration latency) {
        if (latency == null || latency.isNegative()) {
            throw new IllegalArgumentException("latency must be zero or positive, e.g. Duration.ofMillis(200)");
        }
        this.latency = latency;
        return this;
    }

    /**
     * @return the delay added to every API answer
     */
    public Duration latency() {
        return latency;
    }

    /**
     * How many injected answers and delivery failures are still to be given.
     *
     * @return the remaining uses of all pending faults
     */
    public int pending() {
        synchronized (pending) {
            return pending.stream().mapToInt(p -> p.remaining).sum()
                    + failingDeliveries.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /** Removes every pending fault, every pending delivery failure and the latency. */
    public void clear() {
        synchronized (pending) {
            pending.clear();
            failingDeliveries.clear();
        }
        latency = Duration.ZERO;
    }

    /** Takes one injected failure of the next delivery attempt to this subscription, if any. */
    boolean takeDeliveryFailure(String webhookId) {
        synchronized (pending) {
            Integer remaining = failingDeliveries.get(webhookId);
            if (remaining == null) {
                return false;
            }
            if (remaining == 1) {
                failingDeliveries.remove(webhookId);
            } else {
                failingDeliveries.put(webhookId, remaining - 1);
            }
            return true;
        }
    }

    /** Takes one use of the first fault matching the request. */
    Optional<Fault> take(String method, String path) {
        synchronized (pending) {
            Iterator<Pending> it = pending.iterator();
            while (it.hasNext()) {
                Pending candidate = it.next();
                if (candidate.fault.matches(method, path)) {
                    if (--candidate.remaining == 0) {
                        it.remove();
                    }
                    return Optional.of(candidate.fault);
                }
            }
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        synchronized (pending) {
            return "Faults[pending=" + pending.stream().map(p -> p.fault + " x" + p.remaining).toList()
                    + ", failingDeliveries=" + failingDeliveries + ", latency=" + latency + "]";
        }
    }

    private static final class Pending {
        private final Fault fault;
        private int remaining;

        private Pending(Fault fault, int remaining) {
            this.fault = fault;
            this.remaining = remaining;
        }
    }
}
