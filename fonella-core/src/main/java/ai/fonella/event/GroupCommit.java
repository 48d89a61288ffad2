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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);
    /** The answer to a batch that failed so badly that no other exception could be made. */
    private static final IllegalStateException BATCH_FAILED = new IllegalStateException(
            "The deduplication store failed with an error; see the log for it");

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
        // an interrupt would make park return at once (a busy wait) and, in a sender, fail the whole
        // batch in the store's client: it is kept for the caller instead
        boolean interrupted = Thread.interrupted();
        Error error = null;
        queue.add(request);
        try {
            while (!request.answered) {
                if (sending.compareAndSet(false, true)) {
                    try {
                        sendThenHandOff();
                    } catch (Error e) {
                        error = e; // this request may still be queued: answered first, so none is left behind
                    }
                } else {
                    LockSupport.park(this);
                    interrupted |= Thread.interrupted();
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (request.failure != null) {
            if (error != null) {
                throw error;
            }
            throw request.failure;
        }
        if (error != null) {
            // another batch than this claim's failed (its deliveries were answered with the failure):
            // the claim is held and its handler must run, or the claim would stay until its lease ends
            log.error("Fonella deduplication: a batch sent for other deliveries failed", error);
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
            boolean interrupted = Thread.interrupted();
            try {
                sendThenHandOff();
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /**
     * Called holding {@link #sending}; sends, gives the flag up and hands off, until a claimant takes
     * over or nothing is queued. Every batch is answered before anything is thrown.
     *
     * @throws Error the first error a batch threw, after all batches were answered
     */
    private void sendThenHandOff() {
        Error error = null;
        do {
            try {
                send();
            } catch (Error e) {
                if (error == null) {
                    error = e;
                }
            } finally {
                sending.set(false);
            }
        } while (handOff());
        if (error != null) {
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
        // sized up front: once requests leave the queue, nothing may fail before they are answered
        List<Request> batch = new ArrayList<>(MAX_BATCH);
        List<Key> completions = new ArrayList<>(MAX_BATCH);
        List<Key> claims = new ArrayList<>(MAX_BATCH);
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
            failure = wrap(e);
        } finally {
            if (failure == null && (answers == null || answers.size() != claims.size())) {
                failure = BATCH_FAILED; // something failed that could not even be wrapped
            }
            int next = 0;
            for (Request each : batch) {
                if (each.thread != null) {
                    if (failure != null) {
                        each.failure = failure;
                    } else {
                        each.claim = answers.get(next++);
                    }
                    each.answered = true;
                    LockSupport.unpark(each.thread);
                }
            }
        }
        if (failure != null) {
            for (Request each : batch) {
                if (each.thread == null) {
                    try {
                        completionFailed.accept(each.key, failure);
                    } catch (RuntimeException | Error e) {
                        log.error("Fonella deduplication: could not keep the completion of handler {} for event {} "
                                + "for a retry", each.key.handlerId(), each.key.eventId(), e);
                        if (e instanceof Error fatal && error == null) {
                            error = fatal;
                        }
                    }
                }
            }
        }
        if (error != null) {
            throw error;
        }
    }

    private static RuntimeException wrap(Error error) {
        try {
            return new IllegalStateException("The deduplication store failed: " + error, error);
        } catch (RuntimeException | Error again) {
            return BATCH_FAILED;
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
