package ai.fonella.bench.app;

import ai.fonella.event.BatchingEventDeduplicationStore;
import ai.fonella.event.EventDeduplicationStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Time spent in the deduplication store per delivery (claim, then completion or release), measured
 * inside the benchmark app by wrapping whatever store the starter chose, in a histogram of
 * microseconds. {@code GET /bench/store-timings} answers {@code count p50_us p99_us} and starts
 * over, followed by the number of claim and completion round trips and the keys they carried. With
 * a store that batches, a delivery's time is that of the batch that took its claim plus that of the
 * batch that recorded its completion (the round trips, not the time it queued behind another batch,
 * which shows in the client's latency). Active with {@code bench.store-timings=true} (store-load.sh sets it).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("bench.store-timings")
@RestController
public class StoreTimings {

    private static final int MAX_MICROS = 1_000_000;
    private final AtomicLongArray histogram = new AtomicLongArray(MAX_MICROS + 1);
    /** Claim and completion round trips to the store, and the keys they carried. */
    private final LongAdder trips = new LongAdder();
    private final LongAdder tripKeys = new LongAdder();

    @Bean
    static BeanPostProcessor timedDeduplicationStore(ObjectProvider<StoreTimings> timings) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return bean instanceof EventDeduplicationStore store ? timings.getObject().timed(store) : bean;
            }
        };
    }

    @GetMapping("/bench/store-timings")
    public String snapshot() {
        long[] counts = new long[histogram.length()];
        long total = 0;
        for (int i = 0; i < counts.length; i++) {
            counts[i] = histogram.getAndSet(i, 0);
            total += counts[i];
        }
        return total + " " + percentile(counts, total, 0.50) + " " + percentile(counts, total, 0.99) + " "
                + trips.sumThenReset() + " " + tripKeys.sumThenReset();
    }

    private static int percentile(long[] counts, long total, double share) {
        long rank = (long) Math.ceil(total * share);
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank && rank > 0) {
                return i;
            }
        }
        return 0;
    }

    private void record(long nanos) {
        histogram.incrementAndGet((int) Math.min(MAX_MICROS, nanos / 1000));
    }

    EventDeduplicationStore timed(EventDeduplicationStore store) {
        return store instanceof BatchingEventDeduplicationStore batching ? new TimedBatches(batching) : new Timed(store);
    }

    /** Times a store's claims and completions; each delivery's claim time waits for its completion. */
    private class Timed implements EventDeduplicationStore {
        final EventDeduplicationStore store;
        private final Map<Key, Long> claimed = new ConcurrentHashMap<>();

        Timed(EventDeduplicationStore store) {
            this.store = store;
        }

        void trip(int keys) {
            trips.increment();
            tripKeys.add(keys);
        }

        void claimed(Key key, Claim claim, long took) {
            if (claim == Claim.ACQUIRED) {
                claimed.put(key, took); // recorded with its completion or release
            } else {
                record(took);
            }
        }

        void finished(Key key, long took) {
            Long claimTook = claimed.remove(key);
            record((claimTook == null ? 0 : claimTook) + took);
        }

        @Override
        public Claim tryClaim(Key key, Duration lease) {
            long start = System.nanoTime();
            Claim claim = store.tryClaim(key, lease);
            trip(1);
            claimed(key, claim, System.nanoTime() - start);
            return claim;
        }

        @Override
        public void complete(Key key) {
            long start = System.nanoTime();
            store.complete(key);
            trip(1);
            finished(key, System.nanoTime() - start);
        }

        @Override
        public void release(Key key) {
            long start = System.nanoTime();
            store.release(key);
            finished(key, System.nanoTime() - start);
        }

        @Override
        public State state(Key key) {
            return store.state(key);
        }

        @Override
        public void ping() {
            store.ping();
        }

        @Override
        public String toString() {
            return store.toString();
        }
    }

    /** Also times batches: each key of a batch took the batch's round trip. */
    private final class TimedBatches extends Timed implements BatchingEventDeduplicationStore {

        TimedBatches(BatchingEventDeduplicationStore store) {
            super(store);
        }

        @Override
        public List<Claim> completeAndClaim(List<Key> completions, List<Key> claims, Duration lease) {
            long start = System.nanoTime();
            List<Claim> answers = ((BatchingEventDeduplicationStore) store).completeAndClaim(completions, claims,
                    lease);
            long took = System.nanoTime() - start;
            trip(completions.size() + claims.size());
            completions.forEach(key -> finished(key, took));
            for (int i = 0; i < claims.size(); i++) {
                claimed(claims.get(i), answers.get(i), took);
            }
            return answers;
        }
    }
}
