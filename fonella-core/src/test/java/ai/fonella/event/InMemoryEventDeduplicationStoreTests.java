package ai.fonella.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.fonella.event.EventDeduplicationStore.Claim;
import ai.fonella.event.EventDeduplicationStore.Key;
import ai.fonella.event.EventDeduplicationStore.State;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class InMemoryEventDeduplicationStoreTests {

    private static final Duration LEASE = Duration.ofMinutes(5);
    private static final Key KEY = new Key("evt_1", "handler");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
    private final InMemoryEventDeduplicationStore store =
            new InMemoryEventDeduplicationStore(1000, Duration.ofHours(24), clock);

    @Test
    void grantsTheFirstClaimAndReportsTheOthersAsHeldUntilCompleted() {
        assertThat(store.state(KEY)).isEqualTo(State.ABSENT);
        assertThat(store.tryClaim(KEY, LEASE)).isEqualTo(Claim.ACQUIRED);
        assertThat(store.tryClaim(KEY, LEASE)).isEqualTo(Claim.HELD_ELSEWHERE);
        assertThat(store.state(KEY)).isEqualTo(State.IN_PROGRESS);

        store.complete(KEY);

        assertThat(store.tryClaim(KEY, LEASE)).isEqualTo(Claim.ALREADY_COMPLETED);
        assertThat(store.state(KEY)).isEqualTo(State.COMPLETED);
    }

    @Test
    void keysOnEventAndHandlerTogether() {
        store.tryClaim(KEY, LEASE);
        store.complete(KEY);

        assertThat(store.tryClaim(new Key("evt_1", "other"), LEASE)).isEqualTo(Claim.ACQUIRED);
        assertThat(store.tryClaim(new Key("evt_2", "handler"), LEASE)).isEqualTo(Claim.ACQUIRED);
    }

    @Test
    void letsAReleasedClaimBeClaimedAgainButNeverReleasesACompletedOne() {
        store.tryClaim(KEY, LEASE);
        store.release(KEY);

        assertThat(store.state(KEY)).isEqualTo(State.ABSENT);
        assertThat(store.tryClaim(KEY, LEASE)).isEqualTo(Claim.ACQUIRED);

        store.complete(KEY);
        store.release(KEY);

        assertThat(store.tryClaim(KEY, LEASE)).isEqualTo(Claim.ALREADY_COMPLETED);
    }

    @Test
    void expiresAnAbandonedClaimAfterItsLease() {
        store.tryClaim(KEY, LEASE);

        clock.advance(LEASE.minusSeconds(1));
        assertThat(store.tryClaim(KEY, LEASE)).isEqualTo(Claim.HELD_ELSEWHERE);

        clock.advance(Duration.ofSeconds(1));
        assertThat(store.state(KEY)).isEqualTo(State.ABSENT);
        assertThat(store.tryClaim(KEY, LEASE)).isEqualTo(Claim.ACQUIRED);
    }

    @Test
    void forgetsACompletedPairAfterTheRetention() {
        store.tryClaim(KEY, LEASE);
        store.complete(KEY);

        clock.advance(Duration.ofHours(24).minusMillis(1));
        assertThat(store.tryClaim(KEY, LEASE)).isEqualTo(Claim.ALREADY_COMPLETED);

        clock.advance(Duration.ofMillis(1));
        assertThat(store.tryClaim(KEY, LEASE)).isEqualTo(Claim.ACQUIRED);
    }

    @Test
    void purgesExpiredEntriesAsNewOnesArrive() {
        for (int i = 0; i < 10; i++) {
            Key key = new Key("evt_" + i, "handler");
            store.tryClaim(key, LEASE);
            store.complete(key);
        }
        assertThat(store.size()).isEqualTo(10);

        clock.advance(Duration.ofHours(25));
        store.tryClaim(new Key("evt_new", "handler"), LEASE);

        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void forgetsTheOldestEntriesBeyondTheSizeBound() {
        InMemoryEventDeduplicationStore small = new InMemoryEventDeduplicationStore(3, Duration.ofHours(24), clock);
        for (int i = 1; i <= 4; i++) {
            Key key = new Key("evt_" + i, "handler");
            small.tryClaim(key, LEASE);
            small.complete(key);
        }

        assertThat(small.size()).isEqualTo(3);
        assertThat(small.state(new Key("evt_1", "handler"))).isEqualTo(State.ABSENT);
        assertThat(small.state(new Key("evt_4", "handler"))).isEqualTo(State.COMPLETED);
    }

    @Test
    void grantsExactlyOneOfManyConcurrentClaims() throws Exception {
        InMemoryEventDeduplicationStore shared = new InMemoryEventDeduplicationStore();
        int threads = 32;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Claim>> claims = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Callable<Claim> claim = () -> {
                    start.await();
                    return shared.tryClaim(KEY, LEASE);
                };
                claims.add(pool.submit(claim));
            }
            start.countDown();
            List<Claim> results = new ArrayList<>();
            for (Future<Claim> claim : claims) {
                results.add(claim.get());
            }

            assertThat(results).filteredOn(claim -> claim == Claim.ACQUIRED).hasSize(1);
            assertThat(results).filteredOn(claim -> claim == Claim.HELD_ELSEWHERE).hasSize(threads - 1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void rejectsNonsensicalBounds() {
        assertThatThrownBy(() -> new InMemoryEventDeduplicationStore(0, Duration.ofHours(1), clock))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxEntries");
        assertThatThrownBy(() -> new InMemoryEventDeduplicationStore(10, Duration.ZERO, clock))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("retention");
    }

    @Test
    void theNoneStoreClaimsEverythingAndRemembersNothing() {
        EventDeduplicationStore none = EventDeduplicationStore.none();

        none.tryClaim(KEY, LEASE);
        none.complete(KEY);

        assertThat(none.tryClaim(KEY, LEASE)).isEqualTo(Claim.ACQUIRED);
        assertThat(none.state(KEY)).isEqualTo(State.ABSENT);
    }
}
