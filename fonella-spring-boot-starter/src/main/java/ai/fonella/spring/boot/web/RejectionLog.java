package ai.fonella.spring.boot.web;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Lets one warning per key through per interval and counts the others, so that requests anyone on
 * the internet can send do not become a log line each.
 *
 * @param <K> what tells warnings apart
 */
final class RejectionLog<K> {

    private final long intervalNanos;
    private final Map<K, long[]> state = new HashMap<>();

    RejectionLog(Duration interval) {
        this.intervalNanos = interval.toNanos();
    }

    /**
     * @return how many were quieted since the last one let through, when this one is let through;
     *     {@code -1} when it is quieted
     */
    synchronized long admit(K key) {
        long now = System.nanoTime();
        long[] entry = state.computeIfAbsent(key, k -> new long[] {now - intervalNanos, 0});
        if (now - entry[0] < intervalNanos) {
            entry[1]++;
            return -1;
        }
        long quieted = entry[1];
        entry[0] = now;
        entry[1] = 0;
        return quieted;
    }
}
