package ai.fonella.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Fault injection for resilience tests: injected answers for the next API requests and latency
 * added to every API answer. Get it from {@link FonellaEmulator#faults()}. Thread-safe. Admin
 * endpoints ({@code /_emulator/...}) are never affected. To refuse connections altogether, use
 * {@link FonellaEmulator#stop()} and {@link FonellaEmulator#restart()}.
 *
 * <p>Injected faults are used in the order they were added: a request takes one use of the first
 * fault that matches it.
 */
public final class Faults {

    private final List<Pending> pending = new ArrayList<>();
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
     * How many injected answers are still to be given.
     *
     * @return the remaining uses of all pending faults
     */
    public int pending() {
        synchronized (pending) {
            return pending.stream().mapToInt(p -> p.remaining).sum();
        }
    }

    /** Removes every pending fault and the latency. */
    public void clear() {
        synchronized (pending) {
            pending.clear();
        }
        latency = Duration.ZERO;
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
            return "Faults[pending=" + pending.stream().map(p -> p.fault + " x" + p.remaining).toList() + ", latency="
                    + latency + "]";
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
