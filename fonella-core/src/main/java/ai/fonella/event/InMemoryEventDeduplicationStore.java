package ai.fonella.event;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The default {@link EventDeduplicationStore}: in memory, for a single application instance,
 * bounded in size and in time.
 *
 * <ul>
 *   <li><b>Time:</b> a completed (event, handler) pair is remembered for {@link #DEFAULT_RETENTION}
 *   (24 hours) after completion, far longer than any redelivery schedule; a claim that is neither
 *   completed nor released expires after the lease the dispatcher gives it.</li>
 *   <li><b>Size:</b> at most {@link #DEFAULT_MAX_ENTRIES} (100&nbsp;000) pairs, roughly 20&nbsp;MB
 *   when full; beyond that the oldest entries are forgotten first, and a redelivery of a forgotten
 *   event runs its handlers again.</li>
 * </ul>
 *
 * <p>All operations take one lock and run in constant amortized time. State is lost on restart;
 * use a shared store when that or several instances matter.
 */
public final class InMemoryEventDeduplicationStore implements EventDeduplicationStore {

    /** How long a completed pair is remembered by default. */
    public static final Duration DEFAULT_RETENTION = Duration.ofHours(24);

    /** How many pairs are remembered at most by default. */
    public static final int DEFAULT_MAX_ENTRIES = 100_000;

    private final int maxEntries;
    private final long retentionMillis;
    private final Clock clock;
    private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>();

    /**
     * A store with the default bounds and the system clock.
     */
    public InMemoryEventDeduplicationStore() {
        this(DEFAULT_MAX_ENTRIES, DEFAULT_RETENTION, Clock.systemUTC());
    }

    /**
     * A store with custom bounds.
     *
     * @param maxEntries the most (event, handler) pairs remembered, at least 1
     * @param retention how long a completed pair is remembered, positive
     * @param clock the clock for retention and leases
     */
    public InMemoryEventDeduplicationStore(int maxEntries, Duration retention, Clock clock) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1, e.g. " + DEFAULT_MAX_ENTRIES);
        }
        if (retention == null || retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention must be positive, e.g. PT24H");
        }
        this.maxEntries = maxEntries;
        this.retentionMillis = retention.toMillis();
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Claim tryClaim(Key key, Duration lease) {
        Objects.requireNonNull(key, "key");
        long now = clock.millis();
        long expiresAt = now + Math.max(1, lease.toMillis());
        synchronized (entries) {
            purgeExpired(now);
            Entry entry = live(key, now);
            if (entry != null) {
                return entry.completed ? Claim.ALREADY_COMPLETED : Claim.HELD_ELSEWHERE;
            }
            entries.put(key, new Entry(false, expiresAt));
            while (entries.size() > maxEntries) {
                Iterator<Map.Entry<Key, Entry>> eldest = entries.entrySet().iterator();
                eldest.next();
                eldest.remove();
            }
            return Claim.ACQUIRED;
        }
    }

    @Override
    public void complete(Key key) {
        Objects.requireNonNull(key, "key");
        long now = clock.millis();
        synchronized (entries) {
            // Re-inserted at the end, so the map stays roughly ordered by expiry for purgeExpired.
            entries.remove(key);
            entries.put(key, new Entry(true, now + retentionMillis));
            while (entries.size() > maxEntries) {
                Iterator<Map.Entry<Key, Entry>> eldest = entries.entrySet().iterator();
                eldest.next();
                eldest.remove();
            }
        }
    }

    @Override
    public void release(Key key) {
        Objects.requireNonNull(key, "key");
        synchronized (entries) {
            Entry entry = entries.get(key);
            if (entry != null && !entry.completed) {
                entries.remove(key);
            }
        }
    }

    @Override
    public State state(Key key) {
        Objects.requireNonNull(key, "key");
        long now = clock.millis();
        synchronized (entries) {
            Entry entry = live(key, now);
            if (entry == null) {
                return State.ABSENT;
            }
            return entry.completed ? State.COMPLETED : State.IN_PROGRESS;
        }
    }

    /**
     * How many pairs are remembered now, expired ones not yet purged included.
     *
     * @return the number of entries
     */
    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    @Override
    public String toString() {
        return "in memory (at most " + maxEntries + " entries)";
    }

    private Entry live(Key key, long now) {
        Entry entry = entries.get(key);
        if (entry != null && entry.expiresAt <= now) {
            entries.remove(key);
            return null;
        }
        return entry;
    }

    /** Drops expired entries from the oldest end, stopping at the first live one. */
    private void purgeExpired(long now) {
        Iterator<Entry> oldest = entries.values().iterator();
        while (oldest.hasNext()) {
            if (oldest.next().expiresAt > now) {
                return;
            }
            oldest.remove();
        }
    }

    private record Entry(boolean completed, long expiresAt) {
    }
}
