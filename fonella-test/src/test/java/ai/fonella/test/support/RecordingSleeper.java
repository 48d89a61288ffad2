package ai.fonella.test.support;

import ai.fonella.client.Sleeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A sleeper that records the waits and advances a {@link MutableClock} instead of sleeping. */
public final class RecordingSleeper implements Sleeper {

    private final List<Duration> waits = new ArrayList<>();
    private final MutableClock clock;

    /** A sleeper that only records. */
    public RecordingSleeper() {
        this(null);
    }

    /** A sleeper that records and moves the clock forward by each wait. */
    public RecordingSleeper(MutableClock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized void sleep(Duration duration) {
        waits.add(duration);
        if (clock != null) {
            clock.advance(duration);
        }
    }

    /** The waits so far. */
    public synchronized List<Duration> waits() {
        return List.copyOf(waits);
    }
}
