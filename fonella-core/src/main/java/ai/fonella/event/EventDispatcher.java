package ai.fonella.event;

import ai.fonella.event.EventDeduplicationStore.Claim;
import ai.fonella.event.EventDeduplicationStore.Key;
import ai.fonella.event.EventDeduplicationStore.State;
import ai.fonella.event.HandlerOutcome.Status;
import ai.fonella.model.EventType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatches verified webhook deliveries to the handlers registered for their type, exactly once
 * per (event, handler) as far as its {@link EventDeduplicationStore} remembers. Thread-safe; build
 * one per application.
 *
 * <pre>{@code
 * EventDispatcher dispatcher = EventDispatcher.builder()
 *         .handlers(EventHandlers.handlers(new CallEvents()))
 *         .build();
 *
 * // in the webhook endpoint, after WebhookVerifier.verify(body, headers):
 * DispatchResult result = dispatcher.dispatch(body);   // EventParseException: answer 400
 * response.setStatus(result.httpStatus());               // 200, 500 or 503
 * }</pre>
 *
 * <p>For each applicable handler, in registration order, on the calling thread: claim
 * (event id, handler id) in the store; if claimed, run the handler, then mark the pair completed,
 * or release it when the handler threw so that Fonella's redelivery runs it again. A pair already
 * completed is {@link Status#SKIPPED_DUPLICATE}. A handler failure never stops the other handlers.
 * With a {@link BatchingEventDeduplicationStore} (the shared stores), the claims and completions of
 * concurrent deliveries go to the store together, one round trip per batch, and a completion is
 * recorded with the batch after the delivery's answer instead of before it.
 *
 * <p><b>Concurrent deliveries of one event.</b> When another delivery is running a handler right
 * now, this delivery waits for it, up to {@linkplain Builder#concurrentDeliveryWait the concurrent
 * delivery wait} (default 5 s, once per delivery, well below the 10 s after which Fonella gives a
 * delivery up), and then answers by its outcome: {@link Status#SKIPPED_DUPLICATE} if it succeeded,
 * else {@link Status#SKIPPED_IN_PROGRESS} (HTTP 503, so Fonella redelivers later). So 100
 * identical deliveries arriving at once run each handler once and, when it succeeds in time, all
 * answer 200. Waiting on a delivery in this process is immediate on completion; a claim held by
 * another process (with a shared store) is polled.
 *
 * <p><b>When the store cannot be reached.</b> No handler runs without its claim: a handler whose
 * claim fails is {@link Status#STORE_UNAVAILABLE} (HTTP 503 with {@code Retry-After}). A completion
 * or release that fails after the handler ran is retried in the background until it is recorded or
 * the claim's lease has passed, so that the work done is remembered once the store is back; the
 * delivery is answered by what the handler did.
 *
 * <p>Handler failures are logged at ERROR with the handler id and the event id and type, never the
 * payload.
 */
public final class EventDispatcher {

    private static final Logger log = LoggerFactory.getLogger(EventDispatcher.class);

    /** Default time a delivery waits for a concurrent delivery of the same event. */
    public static final Duration DEFAULT_CONCURRENT_DELIVERY_WAIT = Duration.ofSeconds(5);

    /** Default lease of a claim that is neither completed nor released (a crashed process). */
    public static final Duration DEFAULT_CLAIM_LEASE = Duration.ofMinutes(5);

    private static final long MIN_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final long MAX_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final List<EventHandler> handlers;
    private final Map<EventType, List<EventHandler>> byType;
    private final EventDeduplicationStore store;
    private final Duration concurrentDeliveryWait;
    private final Duration claimLease;
    /** Claims held by deliveries running in this process; completed with whether the work is done. */
    private final ConcurrentHashMap<Key, CompletableFuture<Boolean>> inFlight = new ConcurrentHashMap<>();
    private final PendingStoreWrites pendingWrites;
    /** Batches claims and completions of concurrent deliveries; {@code null} unless the store batches. */
    private final GroupCommit groupCommit;

    private EventDispatcher(Builder builder) {
        this.handlers = List.copyOf(builder.handlers);
        this.store = builder.store != null ? builder.store : new InMemoryEventDeduplicationStore();
        this.concurrentDeliveryWait = builder.concurrentDeliveryWait;
        this.claimLease = builder.claimLease;
        this.pendingWrites = new PendingStoreWrites(store);
        this.groupCommit = store instanceof BatchingEventDeduplicationStore batching && batching.batches()
                ? new GroupCommit(batching, claimLease, this::completionFailed) : null;
        Map<EventType, List<EventHandler>> index = new EnumMap<>(EventType.class);
        for (EventType type : EventType.values()) {
            List<EventHandler> applicable = new ArrayList<>();
            for (EventHandler handler : handlers) {
                if (handler.definition().handles(type)) {
                    applicable.add(handler);
                }
            }
            index.put(type, List.copyOf(applicable));
        }
        this.byType = index;
    }

    /**
     * Starts a dispatcher with an {@link InMemoryEventDeduplicationStore}.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Parses a verified body once and dispatches it.
     *
     * @param body the raw request body whose signature was verified
     * @return what each applicable handler did
     * @throws EventParseException if the body is not an event envelope (answer 400)
     */
    public DispatchResult dispatch(byte[] body) {
        return dispatch(FonellaEvents.parse(body));
    }

    /**
     * Dispatches an event to every handler registered for its type.
     *
     * @param event the event
     * @return what each applicable handler did
     */
    public DispatchResult dispatch(FonellaEvent event) {
        Objects.requireNonNull(event, "event");
        List<EventHandler> applicable = byType.get(event.eventType());
        if (applicable.isEmpty()) {
            log.debug("No handler for Fonella event {} ({})", event.id(), event.type());
            return new DispatchResult(event, List.of());
        }
        log.debug("Dispatching Fonella event {} ({}) to {} handler(s)", event.id(), event.type(), applicable.size());
        long deadline = System.nanoTime() + concurrentDeliveryWait.toNanos();
        List<HandlerOutcome> outcomes = new ArrayList<>(applicable.size());
        for (EventHandler handler : applicable) {
            outcomes.add(dispatchTo(handler, event, deadline));
        }
        return new DispatchResult(event, outcomes);
    }

    /**
     * The registered handlers, in registration order.
     *
     * @return the handlers
     */
    public List<EventHandler> handlers() {
        return handlers;
    }

    /**
     * The handlers an event of a type goes to, in registration order.
     *
     * @param type the type; {@link EventType#UNKNOWN} for types this SDK does not know
     * @return the handlers
     */
    public List<EventHandler> handlersFor(EventType type) {
        return byType.get(Objects.requireNonNull(type, "type"));
    }

    /**
     * The deduplication store in use.
     *
     * @return the store
     */
    public EventDeduplicationStore deduplicationStore() {
        return store;
    }

    private HandlerOutcome dispatchTo(EventHandler handler, FonellaEvent event, long deadline) {
        Key key = new Key(event.id(), handler.id());
        CompletableFuture<Boolean> mine = new CompletableFuture<>();
        CompletableFuture<Boolean> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            return awaitLocal(handler, event, running, deadline);
        }
        HandlerOutcome outcome = null;
        try {
            Claim claim;
            try {
                claim = groupCommit != null ? groupCommit.claim(key) : store.tryClaim(key, claimLease);
            } catch (RuntimeException e) {
                log.warn("Fonella event {} ({}): the deduplication store cannot be reached to claim handler {}; not "
                        + "running it, answering 503 so that Fonella redelivers: {}", event.id(), event.type(),
                        handler.id(), e.toString());
                outcome = new HandlerOutcome(handler.id(), Status.STORE_UNAVAILABLE, e, Duration.ZERO);
                return outcome;
            }
            outcome = switch (claim) {
                case ACQUIRED -> run(handler, event, key);
                case ALREADY_COMPLETED -> skipped(handler, event, Status.SKIPPED_DUPLICATE);
                case HELD_ELSEWHERE -> pendingWrites.completionPending(key)
                        ? skipped(handler, event, Status.SKIPPED_DUPLICATE)
                        : awaitElsewhere(handler, event, key, deadline);
            };
            return outcome;
        } finally {
            mine.complete(outcome != null && outcome.done());
            inFlight.remove(key, mine);
        }
    }

    private HandlerOutcome run(EventHandler handler, FonellaEvent event, Key key) {
        long start = System.nanoTime();
        try {
            handler.invoke(event);
        } catch (Exception e) {
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            release(key, e);
            log.error("Fonella event handler {} failed for event {} ({}) after {} ms; answering with an error so "
                    + "Fonella redelivers the event and runs this handler again", handler.id(), event.id(),
                    event.type(), took.toMillis(), e);
            return new HandlerOutcome(handler.id(), Status.FAILED, e, took);
        } catch (Error e) {
            release(key, e); // let a redelivery try again, then let the error propagate
            throw e;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        if (groupCommit != null) {
            groupCommit.complete(key); // recorded with the next batch; a failure comes to completionFailed
        } else {
            try {
                store.complete(key);
            } catch (RuntimeException e) {
                completionFailed(key, e);
            }
        }
        log.debug("Fonella event handler {} succeeded for event {} ({}) in {} ms", handler.id(), event.id(),
                event.type(), took.toMillis());
        return new HandlerOutcome(handler.id(), Status.SUCCEEDED, null, took);
    }

    private void completionFailed(Key key, RuntimeException e) {
        log.warn("Fonella event handler {} succeeded for event {}, but the deduplication store cannot record it now; "
                + "retrying in the background while the claim's lease lasts: {}", key.handlerId(), key.eventId(),
                e.toString());
        pendingWrites.retry(key, true, claimLease);
    }

    private void release(Key key, Throwable failure) {
        try {
            store.release(key);
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
            pendingWrites.retry(key, false, claimLease);
        }
    }

    private HandlerOutcome awaitLocal(EventHandler handler, FonellaEvent event, CompletableFuture<Boolean> running,
            long deadline) {
        boolean done;
        try {
            done = running.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            done = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done = false;
        } catch (ExecutionException e) {
            done = false; // never completed exceptionally
        }
        return done ? skipped(handler, event, Status.SKIPPED_DUPLICATE)
                : skipped(handler, event, Status.SKIPPED_IN_PROGRESS);
    }

    private HandlerOutcome awaitElsewhere(EventHandler handler, FonellaEvent event, Key key, long deadline) {
        long pause = MIN_POLL_NANOS;
        while (true) {
            State state;
            try {
                state = store.state(key);
            } catch (RuntimeException e) {
                log.warn("Fonella event {} ({}): the deduplication store cannot be reached while waiting for handler "
                        + "{} to finish elsewhere; answering 503: {}", event.id(), event.type(), handler.id(),
                        e.toString());
                return new HandlerOutcome(handler.id(), Status.STORE_UNAVAILABLE, e, Duration.ZERO);
            }
            if (state == State.COMPLETED) {
                return skipped(handler, event, Status.SKIPPED_DUPLICATE);
            }
            long remaining = deadline - System.nanoTime();
            if (state == State.ABSENT || remaining <= 0 || Thread.currentThread().isInterrupted()) {
                return skipped(handler, event, Status.SKIPPED_IN_PROGRESS);
            }
            LockSupport.parkNanos(Math.min(pause, remaining));
            pause = Math.min(pause * 2, MAX_POLL_NANOS);
        }
    }

    private static HandlerOutcome skipped(EventHandler handler, FonellaEvent event, Status status) {
        if (status == Status.SKIPPED_DUPLICATE) {
            log.debug("Fonella event {} ({}) already handled by {}; skipped", event.id(), event.type(), handler.id());
        } else {
            log.info("Fonella event {} ({}) is being handled by {} for a concurrent delivery that has not succeeded "
                    + "in time; answering so that Fonella redelivers", event.id(), event.type(), handler.id());
        }
        return new HandlerOutcome(handler.id(), status, null, Duration.ZERO);
    }

    /** Builds an {@link EventDispatcher}. */
    public static final class Builder {
        private final List<EventHandler> handlers = new ArrayList<>();
        private EventDeduplicationStore store;
        private Duration concurrentDeliveryWait = DEFAULT_CONCURRENT_DELIVERY_WAIT;
        private Duration claimLease = DEFAULT_CLAIM_LEASE;

        private Builder() {
        }

        /**
         * Adds a handler.
         *
         * @param handler the handler
         * @return this builder
         */
        public Builder handler(EventHandler handler) {
            handlers.add(Objects.requireNonNull(handler, "handler"));
            return this;
        }

        /**
         * Adds handlers, in order.
         *
         * @param handlers the handlers
         * @return this builder
         */
        public Builder handlers(Collection<EventHandler> handlers) {
            handlers.forEach(this::handler);
            return this;
        }

        /**
         * Adds every {@link OnFonellaEvent} method of an object, invoked by reflection.
         *
         * @param target the object
         * @return this builder
         * @throws EventHandlerDefinitionException if an annotated method cannot be a handler
         */
        public Builder listener(Object target) {
            return handlers(EventHandlers.handlers(target));
        }

        /**
         * Replaces the default {@link InMemoryEventDeduplicationStore}, for example with a shared store
         * when several instances receive webhooks.
         *
         * @param store the store
         * @return this builder
         */
        public Builder deduplicationStore(EventDeduplicationStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * How long a delivery waits, in total, for concurrent deliveries of the same event that are
         * running its handlers; default 5 s. Keep it well below Fonella's 10 s delivery timeout.
         *
         * @param wait the wait; zero answers {@link Status#SKIPPED_IN_PROGRESS} at once
         * @return this builder
         */
        public Builder concurrentDeliveryWait(Duration wait) {
            if (wait == null || wait.isNegative()) {
                throw new IllegalArgumentException("concurrentDeliveryWait must be zero or positive, e.g. PT5S");
            }
            this.concurrentDeliveryWait = wait;
            return this;
        }

        /**
         * How long a claim holds when its delivery neither completes nor releases it, because the
         * process died or a handler hangs; default 5 minutes. Longer than any handler runs: a handler
         * still running when its lease ends may run a second time on a redelivery, while a longer
         * lease delays the redelivery after a crash by as much. It is also how long a completion the
         * store could not record is retried.
         *
         * @param lease the lease
         * @return this builder
         */
        public Builder claimLease(Duration lease) {
            if (lease == null || lease.isNegative() || lease.isZero()) {
                throw new IllegalArgumentException("claimLease must be positive, e.g. PT5M");
            }
            this.claimLease = lease;
            return this;
        }

        /**
         * Builds the dispatcher.
         *
         * @return the dispatcher
         * @throws EventHandlerDefinitionException if two handlers have the same id
         */
        public EventDispatcher build() {
            Map<String, EventHandler> ids = new HashMap<>();
            for (EventHandler handler : handlers) {
                EventHandler other = ids.putIfAbsent(handler.id(), handler);
                if (other != null) {
                    throw new EventHandlerDefinitionException("Two event handlers have the id '" + handler.id()
                            + "' (" + other.definition().describe() + " and " + handler.definition().describe()
                            + "), so deduplication could not tell them apart: register each object once, or give "
                            + "them distinct ids with @OnFonellaEvent(id = ...) or EventHandlerDefinition.withId.");
                }
            }
            return new EventDispatcher(this);
        }
    }
}
