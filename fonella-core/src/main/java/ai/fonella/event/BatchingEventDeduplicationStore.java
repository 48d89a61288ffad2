package ai.fonella.event;

import java.time.Duration;
import java.util.List;

/**
 * A shared {@link EventDeduplicationStore} that records several completions and takes several
 * claims in one round trip. The {@link EventDispatcher} then gathers the completions and claims
 * that concurrent deliveries ask for while the previous round trip runs, and sends them together
 * (a group commit): under load, a batch of deliveries costs one round trip and, on a database, one
 * commit, instead of two of each per delivery. With no concurrent deliveries a batch has one key and
 * is sent at once, with no delay.
 *
 * <p>A delivery waits for its own claim's answer, so no handler runs without its claim. Its
 * completion is recorded with the next batch, after the delivery is answered rather than before:
 * that is no weaker than waiting for it. A delivery's answer never depended on its completion (one
 * the store refuses is retried in the background while the lease lasts, as before), and a process
 * that dies between a handler's end and its completion's record leaves a claim that expires after
 * its lease whether that moment is just before the answer or just after it. A redelivery meanwhile
 * finds the claim held, waits for the completion and is answered as a duplicate.
 *
 * <p>Both shipped shared stores (JDBC and Redis, in the Spring Boot starter) implement it. A store
 * of your own need not: the dispatcher calls the single-key methods of any other store.
 */
public interface BatchingEventDeduplicationStore extends EventDeduplicationStore {

    /**
     * Records completions, then claims keys, as one operation: the same as {@link #complete} for
     * each of {@code completions} followed by {@link #tryClaim} for each of {@code claims}.
     *
     * <p>All or nothing: when it throws, the dispatcher treats no completion as recorded (it retries
     * them while their leases last) and no claim as taken (those deliveries are answered 503, and
     * a claim the store did take nonetheless expires after its lease, as when a single claim's
     * answer is lost).
     *
     * @param completions keys the caller claimed and whose handlers succeeded; may be empty
     * @param claims keys to claim, each at most once; may be empty. A key may also be among
     *     {@code completions} (a redelivery that arrived just after its handler succeeded): its
     *     completion comes first, so its claim answers {@link Claim#ALREADY_COMPLETED}
     * @param lease the lease of each claim, as in {@link #tryClaim}
     * @return the answer to each claim, in the order of {@code claims}
     */
    List<Claim> completeAndClaim(List<Key> completions, List<Key> claims, Duration lease);

    /**
     * Whether the dispatcher should send this store batches; asked once, when the dispatcher is
     * built. A store that batches well only in some setups answers {@code false} in the others and is
     * then called one key at a time, as any other store.
     *
     * @return {@code true} by default
     */
    default boolean batches() {
        return true;
    }
}
