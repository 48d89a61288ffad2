package ai.fonella.client;

import java.time.Duration;

/**
 * Waits between retries. Replace it in tests to record the waits instead of sleeping.
 */
@FunctionalInterface
public interface Sleeper {

    /** Sleeps on the calling thread with {@link Thread#sleep(long)}. */
    Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis());

    /**
     * Waits.
     *
     * @param duration how long
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    void sleep(Duration duration) throws InterruptedException;
}
