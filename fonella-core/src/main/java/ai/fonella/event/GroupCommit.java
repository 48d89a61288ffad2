package ai.fonella.event;

import ai.fonella.event.EventDeduplicationStore.Claim;
import ai.fonella.event.EventDeduplicationStore.Key;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends the claims and completions of concurrent deliveries to a
 * {@link BatchingEventDeduplicationStore} together. No thread of its own and no timer: a delivery
 * queues its request and, if no batch is being sent, becomes the sender, takes everything queued
 * (its own request among it) and makes one {@link BatchingEventDeduplicationStore#completeAndClaim}
 * call; the deliveries that queued meanwhile wait and are woken with their answers, and the oldest
 * of those still queued becomes the next sender. So a lone delivery is sent at once, and a batch
 * grows with the load by itself.
 */
final class GroupCommit {

    /** At most this many keys per batch, to keep statements and scripts of a reasonable size. */
    static final int MAX_BATCH = 128;

    private final BatchingEventDeduplicationStore store;
    private final Duration lease;
    private final ConcurrentLinkedQueue<Request> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean sending = new AtomicBoolean();

    GroupCommit(BatchingEventDeduplicationStore store, Duration lease) {
        this.store = store;
        this.lease = lease;
    }

    /**
     * Claims a key, as {@link EventDeduplicationStore#tryClaim} with the dispatcher's lease.
     *
     * @param key the pair
     * @return the answer
     * @throws RuntimeException what the store threw for the batch
     */
    Claim claim(Key key) {
        return await(new Request(key, true));
    }

    /**
     * Records a completion, as {@link EventDeduplicationStore#complete}.
     *
     * @param key the claimed pair
     * @throws RuntimeException what the store threw for the batch
     */
    void complete(Key key) {
        await(new Request(key, false));
    }

    private Claim await(Request request) {
        queue.add(request);
        while (!request.answered) {
            if (sending.compareAndSet(false, true)) {
                try {
                    send();
                } finally {
                    sending.set(false);
                    // whoever queued while this batch was out sends next (a request queued before
                    // the flag went down is seen here; one queued after it finds the flag down)
                    Request next = queue.peek();
                    if (next != null) {
                        LockSupport.unpark(next.thread);
                    }
                }
            } else {
                LockSupport.park(this);
            }
        }
        if (request.failure != null) {
            throw request.failure;
        }
        return request.claim;
    }

    private void send() {
        List<Request> batch = new ArrayList<>();
        List<Key> completions = new ArrayList<>();
        List<Key> claims = new ArrayList<>();
        Request request;
        while (batch.size() < MAX_BATCH && (request = queue.poll()) != null) {
            batch.add(request);
            (request.claiming ? claims : completions).add(request.key);
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
            if (failure != null) {
                each.failure = failure;
            } else if (each.claiming) {
                each.claim = answers.get(next++);
            }
            each.answered = true;
            LockSupport.unpark(each.thread);
        }
        if (error != null) {
            throw error;
        }
    }

    /** One delivery's claim or completion, answered by the sender that took it. */
    private static final class Request {
        final Key key;
        final boolean claiming;
        final Thread thread = Thread.currentThread();
        Claim claim;
        RuntimeException failure;
        /** Written after {@link #claim} and {@link #failure}, so that reading it true shows them. */
        volatile boolean answered;

        Request(Key key, boolean claiming) {
            this.key = key;
            this.claiming = claiming;
        }
    }
}
