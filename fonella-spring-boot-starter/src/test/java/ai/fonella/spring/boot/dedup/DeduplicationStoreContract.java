package ai.fonella.spring.boot.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import ai.fonella.event.BatchingEventDeduplicationStore;
import ai.fonella.event.EventDeduplicationStore;
import ai.fonella.event.EventDeduplicationStore.Claim;
import ai.fonella.event.EventDeduplicationStore.Key;
import ai.fonella.event.EventDeduplicationStore.State;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every shared {@link EventDeduplicationStore} must do, run against a real engine by each
 * subclass. Two store objects on one engine stand for two instances of an app.
 */
abstract class DeduplicationStoreContract {

    static final Duration LEASE = Duration.ofSeconds(30);
    static final Duration SHORT = Duration.ofMillis(300);

    /** A store, as one instance of the app would have it, on the shared engine. */
    abstract EventDeduplicationStore store(Duration retention);

    EventDeduplicationStore store() {
        return store(Duration.ofDays(7));
    }

    static Key key() {
        return new Key("evt_" + UUID.randomUUID(), "CallEvents#onEnded");
    }

    @Test
    void grantsExactlyOneOfManyConcurrentClaimsAcrossInstances() throws Exception {
        List<EventDeduplicationStore> instances = List.of(store(), store(), store());
        Key key = key();
        ExecutorService pool = Executors.newFixedThreadPool(24);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Claim>> claims = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                EventDeduplicationStore instance = instances.get(i % instances.size());
                claims.add(pool.submit(() -> {
                    start.await();
                    return instance.tryClaim(key, LEASE);
                }));
            }
            start.countDown();
            List<Claim> answers = new ArrayList<>();
            for (Future<Claim> claim : claims) {
                answers.add(claim.get(10, TimeUnit.SECONDS));
            }
            assertThat(answers).filteredOn(Claim.ACQUIRED::equals).hasSize(1);
            assertThat(answers).filteredOn(Claim.HELD_ELSEWHERE::equals).hasSize(23);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void answersAlreadyCompletedOnEveryInstanceOnceCompleted() {
        EventDeduplicationStore one = store();
        EventDeduplicationStore other = store();
        Key key = key();

        assertThat(one.tryClaim(key, LEASE)).isEqualTo(Claim.ACQUIRED);
        assertThat(other.state(key)).isEqualTo(State.IN_PROGRESS);
        one.complete(key);

        assertThat(other.tryClaim(key, LEASE)).isEqualTo(Claim.ALREADY_COMPLETED);
        assertThat(one.tryClaim(key, LEASE)).isEqualTo(Claim.ALREADY_COMPLETED);
        assertThat(other.state(key)).isEqualTo(State.COMPLETED);
    }

    @Test
    void letsAnotherInstanceClaimAfterARelease() {
        EventDeduplicationStore one = store();
        EventDeduplicationStore other = store();
        Key key = key();

        assertThat(one.tryClaim(key, LEASE)).isEqualTo(Claim.ACQUIRED);
        one.release(key);

        assertThat(other.state(key)).isEqualTo(State.ABSENT);
        assertThat(other.tryClaim(key, LEASE)).isEqualTo(Claim.ACQUIRED);
    }

    @Test
    void holdsAClaimUntilItsLeaseEndsThenLetsAnotherInstanceTakeItOver() throws Exception {
        EventDeduplicationStore dead = store();
        EventDeduplicationStore survivor = store();
        Key key = key();

        assertThat(dead.tryClaim(key, SHORT)).isEqualTo(Claim.ACQUIRED);
        assertThat(survivor.tryClaim(key, LEASE)).isEqualTo(Claim.HELD_ELSEWHERE);
        Thread.sleep(SHORT.toMillis() + 200);

        assertThat(survivor.state(key)).isEqualTo(State.ABSENT);
        assertThat(survivor.tryClaim(key, LEASE)).isEqualTo(Claim.ACQUIRED);
        assertThat(dead.tryClaim(key, LEASE)).isEqualTo(Claim.HELD_ELSEWHERE);
    }

    @Test
    void ignoresAReleaseFromAnInstanceWhoseClaimWasTakenOver() throws Exception {
        EventDeduplicationStore slow = store();
        EventDeduplicationStore survivor = store();
        Key key = key();
        assertThat(slow.tryClaim(key, SHORT)).isEqualTo(Claim.ACQUIRED);
        Thread.sleep(SHORT.toMillis() + 200);
        assertThat(survivor.tryClaim(key, LEASE)).isEqualTo(Claim.ACQUIRED);

        slow.release(key);

        assertThat(survivor.state(key)).isEqualTo(State.IN_PROGRESS);
        assertThat(store().tryClaim(key, LEASE)).isEqualTo(Claim.HELD_ELSEWHERE);
    }

    @Test
    void neverReleasesACompletion() {
        EventDeduplicationStore store = store();
        Key key = key();
        store.tryClaim(key, LEASE);
        store.complete(key);

        store.release(key);

        assertThat(store.state(key)).isEqualTo(State.COMPLETED);
    }

    @Test
    void forgetsACompletionAfterTheRetention() throws Exception {
        EventDeduplicationStore store = store(SHORT);
        Key key = key();
        store.tryClaim(key, LEASE);
        store.complete(key);
        assertThat(store.tryClaim(key, LEASE)).isEqualTo(Claim.ALREADY_COMPLETED);

        Thread.sleep(SHORT.toMillis() + 200);

        assertThat(store.state(key)).isEqualTo(State.ABSENT);
        assertThat(store.tryClaim(key, LEASE)).isEqualTo(Claim.ACQUIRED);
    }

    /** The batch method of a shipped store, which implements it. */
    BatchingEventDeduplicationStore batching() {
        return (BatchingEventDeduplicationStore) store();
    }

    @Test
    void completesAndClaimsInOneBatchAnsweringEachKeyAsASingleClaimWould() throws Exception {
        BatchingEventDeduplicationStore mine = batching();
        EventDeduplicationStore other = store();
        Key done = key();
        Key fresh = key();
        Key held = key();
        Key completed = key();
        Key expired = key();
        Key alsoFresh = key();
        assertThat(mine.tryClaim(done, LEASE)).isEqualTo(Claim.ACQUIRED);
        assertThat(other.tryClaim(held, LEASE)).isEqualTo(Claim.ACQUIRED);
        assertThat(other.tryClaim(completed, LEASE)).isEqualTo(Claim.ACQUIRED);
        other.complete(completed);
        assertThat(other.tryClaim(expired, SHORT)).isEqualTo(Claim.ACQUIRED);
        Thread.sleep(SHORT.toMillis() + 200);

        List<Claim> answers = mine.completeAndClaim(List.of(done), List.of(fresh, held, completed, expired, alsoFresh),
                LEASE);

        assertThat(answers).containsExactly(Claim.ACQUIRED, Claim.HELD_ELSEWHERE, Claim.ALREADY_COMPLETED,
                Claim.ACQUIRED, Claim.ACQUIRED);
        assertThat(other.state(done)).isEqualTo(State.COMPLETED);
        assertThat(other.tryClaim(fresh, LEASE)).isEqualTo(Claim.HELD_ELSEWHERE);
        assertThat(other.tryClaim(expired, LEASE)).isEqualTo(Claim.HELD_ELSEWHERE);
        mine.release(alsoFresh); // a batch's claim is this instance's own, as a single one is
        assertThat(other.tryClaim(alsoFresh, LEASE)).isEqualTo(Claim.ACQUIRED);
        assertThat(mine.completeAndClaim(List.of(fresh), List.of(), LEASE)).isEmpty();
        assertThat(other.tryClaim(fresh, LEASE)).isEqualTo(Claim.ALREADY_COMPLETED);
    }

    @Test
    void grantsEachKeyOnceWhenInstancesSendOverlappingBatchesAtOnce() throws Exception {
        List<BatchingEventDeduplicationStore> instances = List.of(batching(), batching(), batching());
        List<Key> keys = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            keys.add(key());
        }
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Map<Key, Claim>>> batches = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                BatchingEventDeduplicationStore instance = instances.get(i % instances.size());
                List<Key> shuffled = new ArrayList<>(keys);
                Collections.shuffle(shuffled);
                batches.add(pool.submit(() -> {
                    start.await();
                    List<Claim> answers = instance.completeAndClaim(List.of(), shuffled, LEASE);
                    Map<Key, Claim> byKey = new HashMap<>();
                    for (int k = 0; k < shuffled.size(); k++) {
                        byKey.put(shuffled.get(k), answers.get(k));
                    }
                    return byKey;
                }));
            }
            start.countDown();
            Map<Key, Integer> acquired = new HashMap<>();
            for (Future<Map<Key, Claim>> batch : batches) {
                batch.get(30, TimeUnit.SECONDS).forEach((key, claim) -> acquired.merge(key,
                        claim == Claim.ACQUIRED ? 1 : 0, Integer::sum));
            }
            assertThat(acquired).hasSize(20).allSatisfy((key, count) -> assertThat(count).isEqualTo(1));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void answersAPing() {
        store().ping();
    }
}
