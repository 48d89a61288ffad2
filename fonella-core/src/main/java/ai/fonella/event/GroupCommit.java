package ai.fonella.event;

import ai.fonella.event.EventDeduplicationStore.Claim;
import ai.fonella.event.EventDeduplicationStore.Key;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;

/**
 * Sends the claims and completions of concurrent deliveries to a
 * {@link BatchingEventDeduplicationStore} together, with no thread of its own and no timer.
 *
 * <ul>
 * <li>A claim is queued and its delivery waits for the answer. If no batch is being sent, the
 *     delivery becomes the sender: it takes everything queued (its own claim among it) and makes
 *     one {@link BatchingEventDeduplicationStore#completeAndClaim} call. Deliveries that queue
 *     meanwhile wait, and are woken with their answers.</li>
 * <li>A completion is queued and its delivery goes on to answer: the completion travels with the
 *     next batch. A delivery that completes while no batch is being sent sends it at once.</li>
 * <li>After a batch, the sender wakes the oldest delivery still waiting for a claim to send the
 *     next; when only completions are queued, it sends them itself.</li>
 * </ul>
 *
 * <p>So a lone delivery's claim is sent at once, and batches grow with the load by themselves.
 */
final class GroupCommit {

    /** At most this many keys per batch, to keep statements and scripts of a reasonable size. */
    static final int MAX_BATCH = 128;

    private final BatchingEventDeduplicationStore store;
    private final Duration lease;
    private final BiConsumer<Key, RuntimeException> completionFailed;
    private final ConcurrentLinkedQueue<Request> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean sending = new AtomicBoolean();

    /**
     * @param store the store
     * @param lease the lease of each claim
     * @param completionFailed told of each completion a batch failed to record, on the sender's
     *     thread
     */
    GroupCommit(BatchingEventDeduplicationStore store, Duration lease,
            BiConsumer<Key, RuntimeException> completionFailed) {
        this.store = store;
        this.lease = lease;
        this.completionFailed = completionFailed;
    }

    /**
     * Claims a key, as {@link EventDeduplicationStore#tryClaim} with the dispatcher's lease, waiting
     * for the answer.
     *
     * @param key the pair
     * @return the answer
     * @throws RuntimeException what the store threw for the batch
     */
    Claim claim(Key key) {
        Request request = new Request(key, Thread.currentThread());
        queue.add(request);
        while (!request.answered) {
            if (sending.compareAndSet(false, true)) {
                sendThenHandOff();
            } else {
                LockSupport.park(this);
            }
        }
        if (request.failure != null) {
            throw request.failure;
        }
        return request.claim;
    }

    /**
     * Queues a completion to be recorded with the next batch, as {@link EventDeduplicationStore#complete},
     * and returns; sends it at once when no batch is being sent. A failure goes to the callback.
     *
     * @param key the claimed pair
     */
    void complete(Key key) {
        queue.add(new Request(key, null));
        if (sending.compareAndSet(false, true)) {
            sendThenHandOff();
        }
    }

    /** Called holding {@link #sending}; gives it up. */
    private void sendThenHandOff() {
        Error error = null;
        do {
            try {
                send();
            } catch (Error e) {
                error = e; // send answered every waiting delivery of the batch
            } finally {
                sending.set(false);
            }
        } while (error == null && handOff());
        if (error != null) {
            if (handOff()) {
                sending.set(false); // only completions: the next delivery to claim or complete sends them
            }
            throw error;
        }
    }

    /**
     * Wakes the oldest delivery waiting for a claim to send the next batch. A request queued before
     * {@link #sending} went down is seen here; one queued after it finds the flag down by itself.
     *
     * @return {@code true} when only completions are queued and this thread took the flag to send them
     */
    private boolean handOff() {
        boolean queued = false;
        for (Request request : queue) {
            queued = true;
            if (request.thread != null) {
                LockSupport.unpark(request.thread);
                return false;
            }
        }
        return queued && sending.compareAndSet(false, true);
    }

    private void send() {
        List<Request> batch = new ArrayList<>();
        List<Key> completions = new ArrayList<>();
        List<Key> claims = new ArrayList<>();
        Request request;
        while (batch.size() < MAX_BATCH && (request = queue.poll()) != null) {
            batch.add(request);
            (request.thread != null ? claims : completions).add(request.key);
        }
        if (batch.isEmpty()) {
            return;
        }
        List<Claim> answers = null;
        RuntimeException failure = null;
        Error error = null;
        try {
            answers = store.completeAndClaim(completions, claims, lease);
            if (answers == null || answers.size() != claims.size()) {
                throw new IllegalStateException(store + " answered " + (answers == null ? "null" : answers.size()
                        + " claim(s)") + " for " + claims.size() + " claim(s); completeAndClaim must answer each");
            }
        } catch (RuntimeException e) {
            failure = e;
        } catch (Error e) {
            error = e; // every waiting delivery still gets an answer; the sender's thread rethrows it
            failure = new IllegalStateException(store + " failed: " + e, e);
        }
        int next = 0;
        for (Request each : batch) {
            if (each.thread == null) {
                if (failure != null) {
                    completionFailed.accept(each.key, failure);
                }
                continue;
            }
            if (failure != null) {
                each.failure = failure;
            } else {
                each.claim = answers.get(next++);
            }
            each.answered = true;
            LockSupport.unpark(each.thread);
        }
        if (error != null) {
            throw error;
        }
    }

    /** A claim, with the thread that waits for it, or a completion, which nobody waits for. */
    private static final class Request {
        final Key key;
        final Thread thread;
        Claim claim;
        RuntimeException failure;
        /** Written after {@link #claim} and {@link #failure}, so that reading it true shows them. */
        volatile boolean answered;

        Request(Key key, Thread thread) {
            this.key = key;
            this.thread = thread;
        }
    }
}
