package ai.fonella.event;

import java.time.Duration;
import java.util.Objects;

/**
 * Remembers which handler has processed which event, so that a redelivered event does not run a
 * handler again, and claims (event, handler) pairs so that concurrent deliveries of one event do
 * not run a handler twice at the same time.
 *
 * <p>The {@link EventDispatcher} uses it as: {@link #tryClaim} &rarr; run the handler &rarr;
 * {@link #complete} on success, or {@link #release} on failure so that a retry can run it again.
 * The default, {@link InMemoryEventDeduplicationStore}, is right for one application instance;
 * with several instances behind a load balancer, use a shared store: the Spring Boot starter ships
 * one on the app's database (JDBC) and one on Redis. Implementations must be thread-safe and
 * {@link #tryClaim} must be atomic: of any number of concurrent calls for one key, at most one gets
 * {@link Claim#ACQUIRED}.
 *
 * <p><b>Failures.</b> A store that cannot be reached throws an unchecked exception from any method.
 * The dispatcher then runs no handler whose claim it could not take (the delivery is answered 503
 * with {@code Retry-After}), and keeps retrying a completion or release it could not record, in the
 * background, for as long as the claim's lease lasts.
 */
public interface EventDeduplicationStore {

    /** The answer to {@link #tryClaim}. */
    enum Claim {
        /** The caller now holds the claim and must run the handler, then complete or release. */
        ACQUIRED,
        /** Another delivery holds an unexpired claim and is running the handler now. */
        HELD_ELSEWHERE,
        /** The handler already processed this event successfully. */
        ALREADY_COMPLETED
    }

    /** What the store knows about a key, for {@link #state}. */
    enum State {
        /** Never claimed, released after a failure, expired or forgotten. */
        ABSENT,
        /** Claimed, neither completed nor released, and the claim has not expired. */
        IN_PROGRESS,
        /** Completed. */
        COMPLETED
    }

    /**
     * An (event, handler) pair.
     *
     * @param eventId the event id
     * @param handlerId the handler id
     */
    record Key(String eventId, String handlerId) {

        /** Requires both ids. */
        public Key {
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(handlerId, "handlerId");
        }
    }

    /**
     * Atomically claims a key unless it is claimed or completed.
     *
     * @param key the (event, handler) pair
     * @param lease how long the claim holds if it is neither completed nor released (a crashed
     *     process); after that another delivery may claim it
     * @return whether the caller got the claim
     */
    Claim tryClaim(Key key, Duration lease);

    /**
     * Records that the handler processed the event successfully; later claims answer
     * {@link Claim#ALREADY_COMPLETED} for as long as the store remembers.
     *
     * @param key a key the caller claimed
     */
    void complete(Key key);

    /**
     * Gives a claim up after the handler failed, so that a redelivery can run it again. Does nothing
     * when the key is completed or absent.
     *
     * @param key a key the caller claimed
     */
    void release(Key key);

    /**
     * What the store knows about a key now, for a delivery waiting on a claim held elsewhere.
     *
     * @param key the (event, handler) pair
     * @return the state
     */
    State state(Key key);

    /**
     * Checks that the store can be reached now, for health reports. The default does nothing: a
     * store in this process is always reachable.
     *
     * @throws RuntimeException naming the cause when the store cannot be reached
     */
    default void ping() {
        // Always reachable.
    }

    /**
     * A store that remembers nothing: every claim is acquired, so every delivery runs every handler.
     * For tests, or when handlers are idempotent by themselves.
     *
     * @return the store
     */
    static EventDeduplicationStore none() {
        return NoDeduplication.INSTANCE;
    }

    /** The store of {@link #none()}. */
    enum NoDeduplication implements EventDeduplicationStore {
        /** The one instance. */
        INSTANCE;

        @Override
        public Claim tryClaim(Key key, Duration lease) {
            return Claim.ACQUIRED;
        }

        @Override
        public void complete(Key key) {
            // Nothing is remembered.
        }

        @Override
        public void release(Key key) {
            // Nothing is remembered.
        }

        @Override
        public State state(Key key) {
            return State.ABSENT;
        }
    }
}
