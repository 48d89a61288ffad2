package ai.fonella.event;

import ai.fonella.event.EventDeduplicationStore.Key;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Completions and releases the store could not record when the dispatcher asked, retried on one
 * daemon thread that runs only while some are pending. A completion matters most: until it is
 * recorded, the claim stays in the store and another instance that takes it over after its lease
 * would run the handler a second time. So each write is retried, with a backoff from 50 ms to 2 s,
 * until it succeeds or its claim's lease has passed (after that, a retry could no longer prevent
 * anything the lease did not).
 */
final class PendingStoreWrites {

    private static final Logger log = LoggerFactory.getLogger(PendingStoreWrites.class);

    private static final long MIN_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long MAX_PAUSE_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final EventDeduplicationStore store;
    /** The write for each key (a later write of one key replaces the earlier), and its deadline. */
    private final Map<Key, Write> pending = new ConcurrentHashMap<>();
    private Thread worker;

    PendingStoreWrites(EventDeduplicationStore store) {
        this.store = store;
    }

    /**
     * Keeps a write for retrying until the lease from now has passed.
     *
     * @param key the claimed pair
     * @param completed {@code true} for a completion, {@code false} for a release
     * @param lease the claim's lease
     */
    void retry(Key key, boolean completed, Duration lease) {
        pending.put(key, new Write(completed, System.nanoTime() + lease.toNanos()));
        synchronized (this) {
            if (worker == null) {
                worker = new Thread(this::drain, "fonella-dedup-retry");
                worker.setDaemon(true);
                worker.start();
            }
        }
    }

    /**
     * Whether a completion of this key is waiting to be recorded: its handler's work is done.
     *
     * @param key the pair
     * @return {@code true} when a completion is pending
     */
    boolean completionPending(Key key) {
        Write write = pending.get(key);
        return write != null && write.completed;
    }

    int size() {
        return pending.size();
    }

    private void drain() {
        long pause = MIN_PAUSE_NANOS;
        while (true) {
            synchronized (this) {
                if (pending.isEmpty()) {
                    worker = null;
                    return;
                }
            }
            LockSupport.parkNanos(pause);
            boolean progress = false;
            for (Iterator<Map.Entry<Key, Write>> it = pending.entrySet().iterator(); it.hasNext();) {
                Map.Entry<Key, Write> entry = it.next();
                Key key = entry.getKey();
                Write write = entry.getValue();
                try {
                    if (write.completed) {
                        store.complete(key);
                    } else {
                        store.release(key);
                    }
                    pending.remove(key, write);
                    progress = true;
                    log.info("Fonella deduplication store recorded the delayed {} of handler {} for event {}",
                            write.completed ? "completion" : "release", key.handlerId(), key.eventId());
                } catch (RuntimeException e) {
                    if (System.nanoTime() - write.deadline > 0) {
                        pending.remove(key, write);
                        log.warn("Fonella deduplication store still unreachable when the claim of handler {} for "
                                + "event {} expired; {}", key.handlerId(), key.eventId(), write.completed
                                ? "a redelivery after the lease may run the handler again"
                                : "the claim expires by itself", e);
                    }
                }
            }
            pause = progress ? MIN_PAUSE_NANOS : Math.min(pause * 2, MAX_PAUSE_NANOS);
        }
    }

    private record Write(boolean completed, long deadline) {
    }
}
