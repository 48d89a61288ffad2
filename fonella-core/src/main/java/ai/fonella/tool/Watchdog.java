package ai.fonella.tool;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enforces deadlines of handlers that run on their caller's thread, with one daemon thread for all
 * of them. Registering costs one compare-and-set (a push onto a lock-free stack that the watchdog
 * thread empties) and finishing one more, so a fast handler pays almost nothing; a late one is
 * expired within {@link #MAX_LATENESS_MILLIS} of its deadline: its {@link Entry#expire()} runs on the
 * watchdog thread and the handler's thread is interrupted. Not part of the public API.
 */
final class Watchdog implements AutoCloseable {

    /** How late past its deadline an entry may be expired at most. */
    public static final long MAX_LATENESS_MILLIS = 10;

    private static final Logger log = LoggerFactory.getLogger(Watchdog.class);
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(MAX_LATENESS_MILLIS);

    /** Entries registered since the watchdog thread last looked: a stack linked through {@link Entry#next}. */
    private final AtomicReference<Entry> arrivals = new AtomicReference<>();
    /** The entries being watched; touched by the watchdog thread only. */
    private final List<Entry> watched = new ArrayList<>();
    private final Thread thread;
    private volatile boolean idle;
    private volatile boolean closed;

    /**
     * Starts the watchdog thread.
     *
     * @param name the thread name
     */
    public Watchdog(String name) {
        thread = new Thread(this::loop, name);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Starts watching an entry; its handler is assumed to be running on the current thread.
     *
     * @param entry the entry
     */
    public void watch(Entry entry) {
        Entry head;
        do {
            head = arrivals.get();
            entry.next = head;
        } while (!arrivals.compareAndSet(head, entry));
        if (idle) {
            LockSupport.unpark(thread);
        }
    }

    /** Stops the watchdog thread; entries still running are no longer expired. */
    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
    }

    private void loop() {
        while (!closed) {
            for (Entry arrived = arrivals.getAndSet(null); arrived != null;) {
                Entry next = arrived.next;
                arrived.next = null;
                watched.add(arrived);
                arrived = next;
            }
            long now = System.nanoTime();
            long next = now + TICK_NANOS;
            int kept = 0;
            for (int i = 0; i < watched.size(); i++) {
                Entry entry = watched.get(i);
                int state = entry.state;
                if (state != Entry.RUNNING && state != Entry.AWAITING) {
                    continue;
                }
                if (now - entry.deadline >= 0) {
                    expire(entry);
                    continue;
                }
                if (entry.deadline - next < 0) {
                    next = entry.deadline;
                }
                watched.set(kept++, entry);
            }
            watched.subList(kept, watched.size()).clear();
            if (watched.isEmpty()) {
                idle = true;
                if (arrivals.get() == null && !closed) {
                    LockSupport.park(this);
                }
                idle = false;
            } else {
                long sleep = next - System.nanoTime();
                if (sleep > 0) {
                    LockSupport.parkNanos(this, sleep);
                }
            }
        }
    }

    private static void expire(Entry entry) {
        boolean expired = false;
        if (Entry.STATE.compareAndSet(entry, Entry.RUNNING, Entry.INTERRUPTING)) {
            try {
                entry.runner.interrupt();
            } finally {
                entry.state = Entry.TIMED_OUT;
            }
            expired = true;
        } else if (Entry.STATE.compareAndSet(entry, Entry.AWAITING, Entry.TIMED_OUT)) {
            expired = true;
        }
        if (expired) {
            try {
                entry.expire();
            } catch (RuntimeException | Error e) {
                log.error("Expiring a tool invocation failed", e);
            }
        }
    }

    /**
     * One watched handler. Subclasses say what happens at the deadline; the handler's thread calls
     * {@link #finish()} or {@link #detach()} when the handler returns.
     */
    public abstract static class Entry {

        static final int RUNNING = 0;
        static final int AWAITING = 1;
        static final int DONE = 2;
        static final int INTERRUPTING = 3;
        static final int TIMED_OUT = 4;

        static final VarHandle STATE;

        static {
            try {
                STATE = MethodHandles.lookup().findVarHandle(Entry.class, "state", int.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private final long deadline;
        private final Thread runner;
        private volatile int state;
        /** The entry registered before this one, while both wait for the watchdog thread. */
        private Entry next;

        /**
         * Creates an entry for a handler running on the current thread.
         *
         * @param deadline the {@link System#nanoTime()} at which it expires
         */
        protected Entry(long deadline) {
            this.deadline = deadline;
            this.runner = Thread.currentThread();
        }

        /** Called once, on the watchdog thread, when the deadline passed first. */
        protected abstract void expire();

        /**
         * The handler returned its final value on its thread: claims the outcome.
         *
         * @return {@code true} if the outcome is the handler's; {@code false} if the deadline won
         *     (any interrupt meant for the handler has then been cleared)
         */
        public boolean finish() {
            if (STATE.compareAndSet(this, RUNNING, DONE)) {
                return true;
            }
            awaitInterruptDelivered();
            return false;
        }

        /**
         * The handler returned a pending result (a {@code CompletionStage}): its thread leaves, the
         * deadline still applies, and {@link #complete()} claims the outcome later.
         *
         * @return {@code true} if still in time; {@code false} if the deadline won
         */
        public boolean detach() {
            if (STATE.compareAndSet(this, RUNNING, AWAITING)) {
                return true;
            }
            awaitInterruptDelivered();
            return false;
        }

        /**
         * The pending result completed, on any thread: claims the outcome.
         *
         * @return {@code true} if the outcome is the handler's
         */
        public boolean complete() {
            return STATE.compareAndSet(this, AWAITING, DONE);
        }

        /**
         * Whether the deadline passed first.
         *
         * @return whether the entry expired
         */
        public boolean expired() {
            int s = state;
            return s == INTERRUPTING || s == TIMED_OUT;
        }

        private void awaitInterruptDelivered() {
            while (state == INTERRUPTING) {
                Thread.onSpinWait();
            }
            if (Thread.currentThread() == runner) {
                Thread.interrupted(); // the interrupt was meant for the handler, not for the caller's code
            }
        }
    }
}
