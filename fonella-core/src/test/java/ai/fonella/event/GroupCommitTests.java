package ai.fonella.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.fonella.event.EventDeduplicationStore.Claim;
import ai.fonella.event.EventDeduplicationStore.Key;
import ai.fonella.event.EventDeduplicationStore.State;
import ai.fonella.event.HandlerOutcome.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The dispatcher with a {@link BatchingEventDeduplicationStore}: claims and completions in batches. */
class GroupCommitTests {

    private final ExecutorService pool = Executors.newFixedThreadPool(32);

    @AfterEach
    void stopThreads() {
        pool.shutdownNow();
    }

    /** An in-memory store behind the batch method, recording each batch; one batch at a time. */
    static class BatchingMemoryStore implements BatchingEventDeduplicationStore {
        final InMemoryEventDeduplicationStore memory = new InMemoryEventDeduplicationStore();
        final List<int[]> batches = new CopyOnWriteArrayList<>();
        volatile RuntimeException failure;
        volatile Error error;
        volatile long pauseMillis;
        volatile CountDownLatch gate = new CountDownLatch(0);

        @Override
        public List<Claim> completeAndClaim(List<Key> completions, List<Key> claims, Duration lease) {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return batch(completions, claims, lease);
        }

        synchronized List<Claim> batch(List<Key> completions, List<Key> claims, Duration lease) {
            batches.add(new int[] {completions.size(), claims.size()});
            pause();
            if (error != null) {
                throw error;
            }
            if (failure != null) {
                throw failure;
            }
            completions.forEach(memory::complete);
            return claims.stream().map(key -> memory.tryClaim(key, lease)).toList();
        }

        void pause() {
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public Claim tryClaim(Key key, Duration lease) {
            throw new AssertionError("the dispatcher must batch claims");
        }

        @Override
        public void complete(Key key) {
            if (failure != null) {
                throw failure;
            }
            memory.complete(key); // the dispatcher's background retry of a completion a batch failed to record
        }

        @Override
        public void release(Key key) {
            memory.release(key);
        }

        @Override
        public State state(Key key) {
            return memory.state(key);
        }
    }

    private static EventHandler counting(Map<String, AtomicInteger> runs) {
        EventHandlerDefinition definition = EventHandlers.definitions(EventDispatcherTests.Recorder.class).stream()
                .filter(d -> d.method().getName().equals("ended")).findFirst().orElseThrow().withId("counting");
        return EventHandler.of(definition, arguments -> runs
                .computeIfAbsent(((FonellaEvent) arguments[0]).id(), id -> new AtomicInteger()).incrementAndGet());
    }

    @Test
    void sendsALoneDeliverysClaimAndCompletionAtOnceEachInABatchOfOne() {
        BatchingMemoryStore store = new BatchingMemoryStore();
        Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
        EventDispatcher dispatcher = EventDispatcher.builder().deduplicationStore(store).handler(counting(runs))
                .build();

        DispatchResult result = dispatcher.dispatch(EventFixtures.envelope("evt_lone", OnFonellaEvent.CALL_ENDED));

        assertThat(result.httpStatus()).isEqualTo(200);
        assertThat(store.batches).containsExactly(new int[] {0, 1}, new int[] {1, 0}); // the completion, sent at once
        assertThat(store.memory.state(new Key("evt_lone", "counting"))).isEqualTo(State.COMPLETED);
    }

    @Test
    void callsTheSingleKeyMethodsOfAStoreThatSendsNoBatchesInItsSetup() {
        BatchingMemoryStore store = new BatchingMemoryStore() {
            @Override
            public boolean batches() {
                return false;
            }

            @Override
            public Claim tryClaim(Key key, Duration lease) {
                return memory.tryClaim(key, lease);
            }
        };
        Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
        EventDispatcher dispatcher = EventDispatcher.builder().deduplicationStore(store).handler(counting(runs))
                .build();
        byte[] body = EventFixtures.envelope("evt_single", OnFonellaEvent.CALL_ENDED);

        assertThat(dispatcher.dispatch(body).httpStatus()).isEqualTo(200);
        assertThat(dispatcher.dispatch(body).outcomes()).extracting(HandlerOutcome::status)
                .containsExactly(Status.SKIPPED_DUPLICATE);
        assertThat(store.batches).isEmpty();
        assertThat(runs.get("evt_single")).hasValue(1);
    }

    @Test
    void runsEachHandlerOnceForConcurrentDeliveriesAndRedeliveriesInFewerRoundTripsThanKeys() throws Exception {
        BatchingMemoryStore store = new BatchingMemoryStore();
        store.pauseMillis = 1; // a round trip, so that deliveries queue behind it
        Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
        EventDispatcher dispatcher = EventDispatcher.builder().deduplicationStore(store).handler(counting(runs))
                .build();
        int events = 400;
        List<Future<DispatchResult>> results = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            byte[] body = EventFixtures.envelope("evt_" + i, OnFonellaEvent.CALL_ENDED);
            results.add(pool.submit(() -> dispatcher.dispatch(body)));
            if (i % 4 == 0) {
                results.add(pool.submit(() -> dispatcher.dispatch(body))); // a redelivery, at once
            }
        }
        for (Future<DispatchResult> result : results) {
            assertThat(result.get(30, TimeUnit.SECONDS).httpStatus()).isIn(200, 503);
        }
        // the redeliveries answered 503 (still running elsewhere) are redelivered later, as Fonella would
        for (int i = 0; i < events; i += 4) {
            assertThat(dispatcher.dispatch(EventFixtures.envelope("evt_" + i, OnFonellaEvent.CALL_ENDED))
                    .httpStatus()).isEqualTo(200);
        }

        assertThat(runs).hasSize(events);
        assertThat(runs.values()).allSatisfy(count -> assertThat(count).hasValue(1));
        for (int i = 0; i < events; i++) {
            assertThat(store.memory.state(new Key("evt_" + i, "counting"))).isEqualTo(State.COMPLETED);
        }
        int keys = store.batches.stream().mapToInt(batch -> batch[0] + batch[1]).sum();
        assertThat(keys).isGreaterThanOrEqualTo(2 * events); // a claim and a completion each, and redeliveries' claims
        assertThat(store.batches.size()).isLessThan(keys / 2);
        assertThat(store.batches).allSatisfy(batch -> assertThat(batch[0] + batch[1])
                .isBetween(1, GroupCommit.MAX_BATCH));
    }

    @Test
    void answersADeliveryBeforeItsCompletionIsRecordedWhenABatchIsOutThenSendsTheCompletionAfterIt()
            throws Exception {
        BatchingMemoryStore store = new BatchingMemoryStore();
        Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
        CountDownLatch handlerRuns = new CountDownLatch(1);
        CountDownLatch otherBatchOut = new CountDownLatch(1);
        EventHandler handler = counting(runs);
        EventHandler waiting = EventHandler.of(handler.definition(), arguments -> {
            handlerRuns.countDown();
            otherBatchOut.await();
            handler.invoke((FonellaEvent) arguments[0]);
        });
        EventDispatcher dispatcher = EventDispatcher.builder().deduplicationStore(store).handler(waiting).build();
        Future<DispatchResult> first = pool.submit(() -> dispatcher.dispatch(
                EventFixtures.envelope("evt_first", OnFonellaEvent.CALL_ENDED)));
        assertThat(handlerRuns.await(10, TimeUnit.SECONDS)).isTrue();
        store.gate = new CountDownLatch(1); // the next batch stays out until the gate opens
        Future<DispatchResult> second = pool.submit(() -> dispatcher.dispatch(
                EventFixtures.envelope("evt_second", OnFonellaEvent.CALL_ENDED)));
        Thread.sleep(100); // the second delivery's claim is out
        otherBatchOut.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS).httpStatus()).isEqualTo(200);
        assertThat(store.memory.state(new Key("evt_first", "counting"))).isEqualTo(State.IN_PROGRESS);
        assertThat(second).isNotDone();
        store.gate.countDown();
        assertThat(second.get(10, TimeUnit.SECONDS).httpStatus()).isEqualTo(200);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (store.memory.state(new Key("evt_second", "counting")) != State.COMPLETED
                && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }

        assertThat(store.memory.state(new Key("evt_first", "counting"))).isEqualTo(State.COMPLETED);
        assertThat(store.memory.state(new Key("evt_second", "counting"))).isEqualTo(State.COMPLETED);
        assertThat(store.batches).containsExactly(new int[] {0, 1}, new int[] {0, 1}, new int[] {1, 0},
                new int[] {1, 0});
    }

    @Test
    void retriesACompletionABatchFailedToRecordUntilTheStoreIsBack() throws Exception {
        BatchingMemoryStore store = new BatchingMemoryStore();
        Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
        EventHandler handler = counting(runs);
        EventHandler failingStore = EventHandler.of(handler.definition(), arguments -> {
            handler.invoke((FonellaEvent) arguments[0]);
            store.failure = new IllegalStateException("connection reset"); // the store goes while the handler runs
        });
        EventDispatcher dispatcher = EventDispatcher.builder().deduplicationStore(store).handler(failingStore)
                .build();
        byte[] body = EventFixtures.envelope("evt_1", OnFonellaEvent.CALL_ENDED);

        assertThat(dispatcher.dispatch(body).httpStatus()).isEqualTo(200);
        Key key = new Key("evt_1", "counting");
        assertThat(store.memory.state(key)).isEqualTo(State.IN_PROGRESS);
        store.failure = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (store.memory.state(key) != State.COMPLETED && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }

        assertThat(store.memory.state(key)).isEqualTo(State.COMPLETED);
        assertThat(dispatcher.dispatch(body).outcomes()).extracting(HandlerOutcome::status)
                .containsExactly(Status.SKIPPED_DUPLICATE);
        assertThat(runs.get("evt_1")).hasValue(1);
    }

    @Test
    void answersEveryDeliveryOfAFailedBatch503WithoutRunningItsHandler() throws Exception {
        BatchingMemoryStore store = new BatchingMemoryStore();
        IllegalStateException outage = new IllegalStateException("connection refused");
        store.failure = outage;
        store.pauseMillis = 2;
        Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
        EventDispatcher dispatcher = EventDispatcher.builder().deduplicationStore(store).handler(counting(runs))
                .build();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<DispatchResult>> results = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            byte[] body = EventFixtures.envelope("evt_" + i, OnFonellaEvent.CALL_ENDED);
            results.add(pool.submit(() -> {
                start.await();
                return dispatcher.dispatch(body);
            }));
        }
        start.countDown();

        for (Future<DispatchResult> result : results) {
            assertThat(result.get(30, TimeUnit.SECONDS).outcomes()).singleElement().satisfies(outcome -> {
                assertThat(outcome.status()).isEqualTo(Status.STORE_UNAVAILABLE);
                assertThat(outcome.error()).isSameAs(outage);
            });
        }
        assertThat(runs).isEmpty();
        assertThat(store.batches.size()).isLessThan(64);
    }

    @Test
    void answersTheWaitingDeliveriesWhenTheStoreThrowsAnErrorAndLetsTheErrorPropagateInTheSender() throws Exception {
        BatchingMemoryStore store = new BatchingMemoryStore();
        store.error = new StackOverflowError("store bug");
        store.pauseMillis = 20;
        Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
        EventDispatcher dispatcher = EventDispatcher.builder().deduplicationStore(store).handler(counting(runs))
                .build();
        List<Future<DispatchResult>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            byte[] body = EventFixtures.envelope("evt_" + i, OnFonellaEvent.CALL_ENDED);
            results.add(pool.submit(() -> dispatcher.dispatch(body)));
        }

        int errors = 0;
        for (Future<DispatchResult> result : results) {
            try {
                assertThat(result.get(30, TimeUnit.SECONDS).outcomes()).singleElement()
                        .extracting(HandlerOutcome::status).isEqualTo(Status.STORE_UNAVAILABLE);
            } catch (java.util.concurrent.ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(StackOverflowError.class);
                errors++;
            }
        }
        assertThat(errors).isBetween(1, 8);
        assertThat(runs).isEmpty();
    }

    /** A store whose first batch blocks on a gate and then throws an error; later batches work. */
    static class FailsOnceWithAnError extends BatchingMemoryStore {
        final CountDownLatch firstBatchOut = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        private final AtomicInteger calls = new AtomicInteger();

        @Override
        public List<Claim> completeAndClaim(List<Key> completions, List<Key> claims, Duration lease) {
            if (calls.getAndIncrement() == 0) {
                firstBatchOut.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new OutOfMemoryError("store bug");
            }
            return batch(completions, claims, lease);
        }
    }

    @Test
    void answersEveryClaimAndSendsEveryCompletionQueuedBehindABatchThatThrewAnError() throws Exception {
        FailsOnceWithAnError store = new FailsOnceWithAnError();
        List<Key> failedCompletions = new CopyOnWriteArrayList<>();
        GroupCommit commit = new GroupCommit(store, Duration.ofMinutes(1), (key, e) -> failedCompletions.add(key));
        Future<?> sender = pool.submit(() -> commit.claim(new Key("evt_sender", "h")));
        assertThat(store.firstBatchOut.await(10, TimeUnit.SECONDS)).isTrue();
        // queued behind the failing batch: more claims than one batch takes, and a completion
        List<Future<Claim>> claims = new ArrayList<>();
        for (int i = 0; i < GroupCommit.MAX_BATCH + 20; i++) {
            Key key = new Key("evt_" + i, "h");
            claims.add(pool.submit(() -> commit.claim(key)));
        }
        commit.complete(new Key("evt_done", "h"));
        Thread.sleep(200);
        store.release.countDown();

        assertThatThrownBy(() -> sender.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(OutOfMemoryError.class);
        for (Future<Claim> claim : claims) {
            assertThat(claim.get(10, TimeUnit.SECONDS)).isEqualTo(Claim.ACQUIRED);
        }
        assertThat(store.memory.state(new Key("evt_done", "h"))).isEqualTo(State.COMPLETED);
        assertThat(failedCompletions).isEmpty();
    }

    @Test
    void returnsTheSendersAcquiredClaimWhenABatchItSentForOthersAfterwardsThrewAnError() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        BatchingMemoryStore store = new BatchingMemoryStore() {
            @Override
            public List<Claim> completeAndClaim(List<Key> completions, List<Key> claims, Duration lease) {
                List<Claim> answers = super.completeAndClaim(completions, claims, lease);
                if (calls.incrementAndGet() == 2) {
                    throw new OutOfMemoryError("store bug");
                }
                return answers;
            }
        };
        store.gate = new CountDownLatch(1);
        List<Key> failedCompletions = new CopyOnWriteArrayList<>();
        GroupCommit commit = new GroupCommit(store, Duration.ofMinutes(1), (key, e) -> failedCompletions.add(key));
        Future<Claim> sender = pool.submit(() -> commit.claim(new Key("evt_sender", "h")));
        Thread.sleep(100); // its batch is out, held by the gate
        commit.complete(new Key("evt_done", "h")); // queued: the sender sends it after its own batch
        store.gate.countDown();

        // the claim is held: its handler must run, or nothing would release it before its lease ends
        assertThat(sender.get(10, TimeUnit.SECONDS)).isEqualTo(Claim.ACQUIRED);
        assertThat(failedCompletions).containsExactly(new Key("evt_done", "h"));
    }

    @Test
    void answersEveryClaimWhenTheStoresErrorCannotEvenBeDescribed() throws Exception {
        BatchingMemoryStore store = new BatchingMemoryStore();
        store.error = new OutOfMemoryError() {
            @Override
            public String toString() {
                throw new IllegalStateException("no memory for a message either");
            }
        };
        store.pauseMillis = 50;
        GroupCommit commit = new GroupCommit(store, Duration.ofMinutes(1), (key, e) -> { });
        List<Future<Throwable>> claims = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Key key = new Key("evt_" + i, "h");
            claims.add(pool.submit(() -> {
                try {
                    commit.claim(key);
                    return null;
                } catch (RuntimeException | Error e) {
                    return e;
                }
            }));
        }

        List<Throwable> failures = new ArrayList<>();
        for (Future<Throwable> claim : claims) {
            failures.add(claim.get(10, TimeUnit.SECONDS)); // every claim is answered: none hangs
        }
        assertThat(failures).doesNotContainNull()
                .anySatisfy(e -> assertThat(e).isInstanceOf(OutOfMemoryError.class)) // the senders
                .allSatisfy(e -> assertThat(e).isInstanceOfAny(OutOfMemoryError.class, IllegalStateException.class));
        assertThat(failures).filteredOn(IllegalStateException.class::isInstance)
                .allSatisfy(e -> assertThat(e).hasMessageContaining("failed with an error; see the log"));
    }

    @Test
    void answersEveryClaimOfAFailedBatchEvenWhenKeepingItsCompletionsForARetryThrows() throws Exception {
        BatchingMemoryStore store = new BatchingMemoryStore();
        store.failure = new IllegalStateException("connection reset");
        store.gate = new CountDownLatch(1);
        GroupCommit commit = new GroupCommit(store, Duration.ofMinutes(1), (key, e) -> {
            throw new IllegalStateException("cannot start the retry thread");
        });
        Future<Claim> first = pool.submit(() -> commit.claim(new Key("evt_first", "h")));
        Thread.sleep(100); // the first batch is out, held by the gate
        commit.complete(new Key("evt_done", "h"));
        List<Future<Claim>> claims = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Key key = new Key("evt_" + i, "h");
            claims.add(pool.submit(() -> commit.claim(key)));
        }
        Thread.sleep(100);
        store.gate.countDown();

        assertThatThrownBy(() -> first.get(10, TimeUnit.SECONDS)).hasRootCauseMessage("connection reset");
        for (Future<Claim> claim : claims) {
            assertThatThrownBy(() -> claim.get(10, TimeUnit.SECONDS)).hasRootCauseMessage("connection reset");
        }
    }

    @Test
    void waitsForAClaimWithoutSpinningWhenInterruptedAndKeepsTheInterrupt() throws Exception {
        BatchingMemoryStore store = new BatchingMemoryStore();
        store.gate = new CountDownLatch(1);
        GroupCommit commit = new GroupCommit(store, Duration.ofMinutes(1), (key, e) -> { });
        Future<Claim> sender = pool.submit(() -> commit.claim(new Key("evt_sender", "h")));
        Thread.sleep(100);
        java.util.concurrent.atomic.AtomicReference<Thread> waiter = new java.util.concurrent.atomic.AtomicReference<>();
        Future<Boolean> interrupted = pool.submit(() -> {
            waiter.set(Thread.currentThread());
            Thread.currentThread().interrupt(); // interrupted before it waits, as by a request timeout
            assertThat(commit.claim(new Key("evt_waiter", "h"))).isEqualTo(Claim.ACQUIRED);
            return Thread.currentThread().isInterrupted();
        });
        Thread.sleep(300);
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getThreadCpuTime(waiter.get().getId());
        Thread.sleep(300);
        long spent = threads.getThreadCpuTime(waiter.get().getId()) - before;
        store.gate.countDown();

        assertThat(sender.get(10, TimeUnit.SECONDS)).isEqualTo(Claim.ACQUIRED);
        assertThat(interrupted.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(spent).as("CPU time of the waiting thread over 300 ms, in ns").isLessThan(30_000_000L);
        assertThat(store.batches).hasSize(2).allSatisfy(batch -> assertThat(batch).containsExactly(0, 1));
    }

    @Test
    void refusesAStoreThatAnswersTheWrongNumberOfClaimsNamingTheContract() {
        BatchingMemoryStore store = new BatchingMemoryStore() {
            @Override
            public List<Claim> completeAndClaim(List<Key> completions, List<Key> claims, Duration lease) {
                return List.of();
            }
        };
        GroupCommit commit = new GroupCommit(store, Duration.ofMinutes(1), (key, e) -> { });

        assertThatThrownBy(() -> commit.claim(new Key("evt_1", "h")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("answered 0 claim(s) for 1 claim(s)")
                .hasMessageContaining("completeAndClaim must answer each");
    }
}
