package ai.fonella.tool.internal;

import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A thread pool tuned for handing short tasks to another thread with little latency: a task goes
 * straight to the most recently idle worker, which spins briefly after each task before it parks,
 * so back-to-back tool calls avoid the cost of waking a parked thread. Workers are daemon threads,
 * created on demand up to a maximum and retired after a minute without work; a worker clears its
 * interrupt before each task. Not part of the public API.
 */
public final class HandoffExecutor implements Executor, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HandoffExecutor.class);
    private static final boolean MULTI_CORE = Runtime.getRuntime().availableProcessors() > 1;
    private static final long SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(50);
    private static final long KEEP_ALIVE_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final ConcurrentLinkedDeque<Worker> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger workers = new AtomicInteger();
    private final AtomicInteger counter = new AtomicInteger();
    private final int maxThreads;
    private final String prefix;
    private volatile boolean closed;

    /**
     * Creates the pool; no thread is started until the first task.
     *
     * @param prefix the thread name prefix
     * @param maxThreads the most workers
     */
    public HandoffExecutor(String prefix, int maxThreads) {
        this.prefix = prefix;
        this.maxThreads = maxThreads;
    }

    @Override
    public void execute(Runnable task) {
        if (closed) {
            throw new RejectedExecutionException("The tool executor is closed.");
        }
        Worker worker;
        while ((worker = idle.pollFirst()) != null) {
            if (worker.offer(task)) {
                return;
            }
        }
        int count;
        do {
            count = workers.get();
            if (count >= maxThreads) {
                throw new RejectedExecutionException("All " + maxThreads + " tool threads are busy.");
            }
        } while (!workers.compareAndSet(count, count + 1));
        Worker created = new Worker(task);
        Thread thread = new Thread(created, prefix + counter.incrementAndGet());
        thread.setDaemon(true);
        created.thread = thread;
        thread.start();
    }

    /** Stops idle workers and rejects new tasks; running tasks finish. */
    @Override
    public void close() {
        closed = true;
        Worker worker;
        while ((worker = idle.pollFirst()) != null) {
            worker.stop();
        }
    }

    private final class Worker implements Runnable {

        private volatile Runnable slot;
        private volatile boolean parked;
        private volatile boolean stopped;
        private volatile Thread thread;
        private Runnable first;

        Worker(Runnable first) {
            this.first = first;
        }

        /** Hands a task to this idle worker; false when it is retiring. */
        boolean offer(Runnable task) {
            if (stopped) {
                return false;
            }
            slot = task;
            if (parked) {
                LockSupport.unpark(thread);
            }
            return true;
        }

        void stop() {
            stopped = true;
            LockSupport.unpark(thread);
        }

        @Override
        public void run() {
            try {
                Runnable task = first;
                first = null;
                while (task != null) {
                    Thread.interrupted();
                    try {
                        task.run();
                    } catch (RuntimeException | Error e) {
                        log.error("A tool task failed outside the invoker's handling", e);
                    }
                    task = next();
                }
            } finally {
                workers.decrementAndGet();
            }
        }

        private Runnable next() {
            slot = null;
            if (closed) {
                return null;
            }
            idle.offerFirst(this);
            if (MULTI_CORE) {
                long until = System.nanoTime() + SPIN_NANOS;
                while (System.nanoTime() - until < 0) {
                    Runnable task = slot;
                    if (task != null) {
                        return task;
                    }
                    Thread.onSpinWait();
                }
            }
            long retireAt = System.nanoTime() + KEEP_ALIVE_NANOS;
            while (true) {
                Runnable task = slot;
                if (task != null) {
                    return task;
                }
                long wait = retireAt - System.nanoTime();
                if (wait <= 0 || stopped || closed) {
                    if (idle.remove(this)) {
                        stopped = true;
                        return null;
                    }
                    // taken off the idle list by a submitter (a task is being handed over: wait for it)
                    // or by close() (then stopped is or will be set)
                    while ((task = slot) == null) {
                        if (stopped) {
                            return null;
                        }
                        Thread.onSpinWait();
                    }
                    return task;
                }
                parked = true;
                if (slot == null) {
                    LockSupport.parkNanos(this, wait);
                }
                parked = false;
            }
        }
    }
}
