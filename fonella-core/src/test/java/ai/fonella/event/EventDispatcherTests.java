package ai.fonella.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.fonella.event.EventDeduplicationStore.Claim;
import ai.fonella.event.EventDeduplicationStore.Key;
import ai.fonella.event.EventDeduplicationStore.State;
import ai.fonella.event.HandlerOutcome.Status;
import ai.fonella.model.Call;
import ai.fonella.model.EventType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
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
import tools.jackson.databind.JsonNode;

class EventDispatcherTests {

    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() {
        pool.shutdownNow();
    }

    /** Records every invocation; handlers can be made to fail. */
    static class Recorder {
        final List<String> calls = new CopyOnWriteArrayList<>();
        final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
        volatile RuntimeException failSummary;

        private void record(String what) {
            calls.add(what);
            counts.computeIfAbsent(what.split(" ")[0], key -> new AtomicInteger()).incrementAndGet();
        }

        int count(String handler) {
            AtomicInteger count = counts.get(handler);
            return count == null ? 0 : count.get();
        }

        @OnFonellaEvent
        public void ended(CallEndedEvent event) {
            record("ended " + event.id());
        }

        @OnFonellaEvent({OnFonellaEvent.CALL_ENDED, OnFonellaEvent.CALL_SUMMARY})
        public void call(Call call) {
            record("call " + call.id());
        }

        @OnFonellaEvent
        public void summary(CallSummaryEvent event) {
            RuntimeException failure = failSummary;
            if (failure != null) {
                throw failure;
            }
            record("summary " + event.summary());
        }

        @OnFonellaEvent(OnFonellaEvent.ALL)
        public void raw(FonellaEvent event, JsonNode raw) {
            record("raw " + event.type() + " " + raw.get("id").asString());
        }
    }

    @Test
    void dispatchesToEveryHandlerOfTheTypeAndNoOther() {
        Recorder recorder = new Recorder();
        EventDispatcher dispatcher = EventDispatcher.builder().listener(recorder).build();

        DispatchResult result = dispatcher.dispatch(EventFixtures.bytes("call-ended.json"));

        assertThat(recorder.calls).containsExactly("call call_7f3a", "ended evt_ended_1", "raw call.ended evt_ended_1");
        assertThat(result.event()).isInstanceOf(CallEndedEvent.class);
        assertThat(result.outcomes()).extracting(HandlerOutcome::status).containsOnly(Status.SUCCEEDED);
        assertThat(result.outcomes()).extracting(HandlerOutcome::handlerId).containsExactly(
                Recorder.class.getName() + "#call(Call)", Recorder.class.getName() + "#ended(CallEndedEvent)",
                Recorder.class.getName() + "#raw(FonellaEvent, JsonNode)");
        assertThat(result.isSuccess()).isTrue();
        assertThat(result.httpStatus()).isEqualTo(200);
    }

    @Test
    void sendsEventsOfUnknownTypesOnlyToCatchAllHandlers() {
        Recorder recorder = new Recorder();
        EventDispatcher dispatcher = EventDispatcher.builder().listener(recorder).build();

        DispatchResult result = dispatcher.dispatch(EventFixtures.bytes("unknown-type.json"));

        assertThat(recorder.calls).containsExactly("raw call.recording_ready evt_future_1");
        assertThat(result.httpStatus()).isEqualTo(200);
        assertThat(dispatcher.handlersFor(EventType.UNKNOWN)).hasSize(1);
    }

    @Test
    void answers200WhenNoHandlerApplies() {
        EventDispatcher dispatcher = EventDispatcher.builder().build();

        DispatchResult result = dispatcher.dispatch(EventFixtures.bytes("call-hang.json"));

        assertThat(result.outcomes()).isEmpty();
        assertThat(result.isSuccess()).isTrue();
        assertThat(result.httpStatus()).isEqualTo(200);
    }

    @Test
    void passesAMalformedBodyOnAsAParseException() {
        EventDispatcher dispatcher = EventDispatcher.builder().listener(new Recorder()).build();

        assertThatThrownBy(() -> dispatcher.dispatch("{\"type\":\"call.ended\"}".getBytes()))
                .isInstanceOf(EventParseException.class);
    }

    @Test
    void reportsAFailingHandlerWithItsOwnExceptionAndStillRunsTheOthers() {
        Recorder recorder = new Recorder();
        IllegalStateException failure = new IllegalStateException("database down");
        recorder.failSummary = failure;
        EventDispatcher dispatcher = EventDispatcher.builder().listener(recorder).build();

        DispatchResult result = dispatcher.dispatch(EventFixtures.bytes("call-summary.json"));

        assertThat(recorder.calls).containsExactly("call call_7f3a", "raw call.summary evt_summary_1");
        assertThat(result.failures()).singleElement().satisfies(outcome -> {
            assertThat(outcome.handlerId()).endsWith("#summary(CallSummaryEvent)");
            assertThat(outcome.error()).isSameAs(failure);
            assertThat(outcome.done()).isFalse();
        });
        assertThat(result.isSuccess()).isFalse();
        assertThat(result.httpStatus()).isEqualTo(500);
    }

    @Test
    void runsOnlyTheHandlersThatFailedWhenFonellaRedeliversTheEvent() {
        Recorder recorder = new Recorder();
        recorder.failSummary = new IllegalStateException("database down");
        EventDispatcher dispatcher = EventDispatcher.builder().listener(recorder).build();
        byte[] body = EventFixtures.bytes("call-summary.json");
        dispatcher.dispatch(body);
        recorder.failSummary = null;

        DispatchResult retry = dispatcher.dispatch(body);

        assertThat(retry.outcomes()).extracting(HandlerOutcome::status)
                .containsExactly(Status.SKIPPED_DUPLICATE, Status.SKIPPED_DUPLICATE, Status.SUCCEEDED);
        assertThat(recorder.count("call")).isEqualTo(1);
        assertThat(recorder.count("summary")).isEqualTo(1);
        assertThat(recorder.count("raw")).isEqualTo(1);
        assertThat(retry.httpStatus()).isEqualTo(200);
    }

    @Test
    void skipsEveryHandlerForARedeliveryOfAnEventThatSucceeded() {
        Recorder recorder = new Recorder();
        EventDispatcher dispatcher = EventDispatcher.builder().listener(recorder).build();
        byte[] body = EventFixtures.bytes("call-ended.json");
        dispatcher.dispatch(body);

        DispatchResult redelivery = dispatcher.dispatch(body);

        assertThat(redelivery.outcomes()).extracting(HandlerOutcome::status).containsOnly(Status.SKIPPED_DUPLICATE);
        assertThat(redelivery.outcomes()).allSatisfy(outcome -> assertThat(outcome.duration()).isZero());
        assertThat(recorder.calls).hasSize(3);
        assertThat(redelivery.httpStatus()).isEqualTo(200);
    }

    @Test
    void treatsADifferentEventIdAsANewEvent() {
        Recorder recorder = new Recorder();
        EventDispatcher dispatcher = EventDispatcher.builder().listener(recorder).build();

        dispatcher.dispatch(EventFixtures.envelope("evt_a", OnFonellaEvent.CALL_ENDED));
        dispatcher.dispatch(EventFixtures.envelope("evt_b", OnFonellaEvent.CALL_ENDED));

        assertThat(recorder.count("ended")).isEqualTo(2);
    }

    @Test
    void runsEveryHandlerOnceWhenAHundredIdenticalDeliveriesArriveAtOnceAndAnswersAllWith200() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        AtomicInteger concurrentRuns = new AtomicInteger();
        AtomicInteger maxConcurrentRuns = new AtomicInteger();
        Recorder recorder = new Recorder();
        EventHandler slow = EventHandler.of(EventHandlers.definitions(Recorder.class).get(0).withId("slow"),
                arguments -> {
                    maxConcurrentRuns.accumulateAndGet(concurrentRuns.incrementAndGet(), Math::max);
                    runs.incrementAndGet();
                    Thread.sleep(50);
                    concurrentRuns.decrementAndGet();
                });
        EventDispatcher dispatcher = EventDispatcher.builder().listener(recorder).handler(slow).build();
        byte[] body = EventFixtures.bytes("call-ended.json");

        List<DispatchResult> results = concurrently(100, () -> dispatcher.dispatch(body));

        assertThat(runs).hasValue(1);
        assertThat(maxConcurrentRuns).hasValue(1);
        assertThat(recorder.count("ended")).isEqualTo(1);
        assertThat(recorder.count("call")).isEqualTo(1);
        assertThat(recorder.count("raw")).isEqualTo(1);
        assertThat(results).extracting(DispatchResult::httpStatus).containsOnly(200);
        assertThat(results).flatExtracting(DispatchResult::outcomes).extracting(HandlerOutcome::status)
                .filteredOn(status -> status == Status.SUCCEEDED).hasSize(4);
    }

    @Test
    void makesADuplicateArrivingWhileTheHandlerRunsWaitAndAnswerByItsSuccess() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        EventDispatcher dispatcher = EventDispatcher.builder()
                .handler(blockingHandler("blocking", entered, proceed, runs, null)).build();
        byte[] body = EventFixtures.bytes("call-ended.json");

        Future<DispatchResult> first = pool.submit(() -> dispatcher.dispatch(body));
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
        Future<DispatchResult> duplicate = pool.submit(() -> dispatcher.dispatch(body));
        Thread.sleep(100);
        assertThat(duplicate.isDone()).as("the duplicate waits for the running handler").isFalse();
        proceed.countDown();

        assertThat(first.get(5, TimeUnit.SECONDS).outcomes()).extracting(HandlerOutcome::status)
                .containsExactly(Status.SUCCEEDED);
        DispatchResult duplicateResult = duplicate.get(5, TimeUnit.SECONDS);
        assertThat(duplicateResult.outcomes()).extracting(HandlerOutcome::status)
                .containsExactly(Status.SKIPPED_DUPLICATE);
        assertThat(duplicateResult.httpStatus()).isEqualTo(200);
        assertThat(runs).hasValue(1);
    }

    @Test
    void makesADuplicateOfAFailingDeliveryAnswer503SoThatARedeliveryRunsTheHandlerAgain() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        IllegalStateException failure = new IllegalStateException("first attempt fails");
        EventDispatcher dispatcher = EventDispatcher.builder()
                .handler(blockingHandler("flaky", entered, proceed, runs, failure)).build();
        byte[] body = EventFixtures.bytes("call-ended.json");

        Future<DispatchResult> first = pool.submit(() -> dispatcher.dispatch(body));
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
        Future<DispatchResult> duplicate = pool.submit(() -> dispatcher.dispatch(body));
        Thread.sleep(50);
        proceed.countDown();

        assertThat(first.get(5, TimeUnit.SECONDS).httpStatus()).isEqualTo(500);
        DispatchResult duplicateResult = duplicate.get(5, TimeUnit.SECONDS);
        assertThat(duplicateResult.outcomes()).extracting(HandlerOutcome::status)
                .containsExactly(Status.SKIPPED_IN_PROGRESS);
        assertThat(duplicateResult.httpStatus()).isEqualTo(503);
        assertThat(runs).hasValue(1);

        DispatchResult redelivery = dispatcher.dispatch(body);
        assertThat(redelivery.outcomes()).extracting(HandlerOutcome::status).containsExactly(Status.SUCCEEDED);
        assertThat(runs).hasValue(2);
    }

    @Test
    void stopsWaitingForAConcurrentDeliveryAfterTheConfiguredWait() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        EventDispatcher dispatcher = EventDispatcher.builder()
                .handler(blockingHandler("stuck", entered, proceed, runs, null))
                .concurrentDeliveryWait(Duration.ofMillis(100))
                .build();
        byte[] body = EventFixtures.bytes("call-ended.json");
        Future<DispatchResult> first = pool.submit(() -> dispatcher.dispatch(body));
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();

        long start = System.nanoTime();
        DispatchResult duplicate = dispatcher.dispatch(body);
        long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(duplicate.outcomes()).extracting(HandlerOutcome::status).containsExactly(Status.SKIPPED_IN_PROGRESS);
        assertThat(duplicate.httpStatus()).isEqualTo(503);
        assertThat(waitedMillis).isBetween(90L, 3000L);
        proceed.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS).httpStatus()).isEqualTo(200);
        assertThat(dispatcher.dispatch(body).outcomes()).extracting(HandlerOutcome::status)
                .containsExactly(Status.SKIPPED_DUPLICATE);
        assertThat(runs).hasValue(1);
    }

    @Test
    void answersAtOnceWhenTheConcurrentDeliveryWaitIsZero() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        EventDispatcher dispatcher = EventDispatcher.builder()
                .handler(blockingHandler("stuck", entered, proceed, new AtomicInteger(), null))
                .concurrentDeliveryWait(Duration.ZERO)
                .build();
        byte[] body = EventFixtures.bytes("call-ended.json");
        Future<DispatchResult> first = pool.submit(() -> dispatcher.dispatch(body));
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();

        assertThat(dispatcher.dispatch(body).httpStatus()).isEqualTo(503);
        proceed.countDown();
        first.get(5, TimeUnit.SECONDS);
    }

    @Test
    void waitsForAClaimHeldByAnotherInstanceUntilTheSharedStoreReportsItCompleted() {
        ScriptedStore store = new ScriptedStore(Claim.HELD_ELSEWHERE, State.IN_PROGRESS, State.IN_PROGRESS,
                State.COMPLETED);
        AtomicInteger runs = new AtomicInteger();
        EventDispatcher dispatcher = EventDispatcher.builder().deduplicationStore(store)
                .handler(countingHandler("remote", runs)).build();

        DispatchResult result = dispatcher.dispatch(EventFixtures.bytes("call-ended.json"));

        assertThat(result.outcomes()).extracting(HandlerOutcome::status).containsExactly(Status.SKIPPED_DUPLICATE);
        assertThat(store.stateQueries).hasValue(3);
        assertThat(runs).hasValue(0);
    }

    @Test
    void stopsWaitingForAnotherInstanceAsSoonAsItReleasesItsClaim() {
        ScriptedStore store = new ScriptedStore(Claim.HELD_ELSEWHERE, State.IN_PROGRESS, State.ABSENT);
        AtomicInteger runs = new AtomicInteger();
        EventDispatcher dispatcher = EventDispatcher.builder().deduplicationStore(store)
                .handler(countingHandler("remote", runs)).build();

        DispatchResult result = dispatcher.dispatch(EventFixtures.bytes("call-ended.json"));

        assertThat(result.outcomes()).extracting(HandlerOutcome::status).containsExactly(Status.SKIPPED_IN_PROGRESS);
        assertThat(result.httpStatus()).isEqualTo(503);
        assertThat(store.stateQueries).hasValue(2);
        assertThat(runs).hasValue(0);
    }

    @Test
    void answersStoreUnavailableWithoutRunningTheHandlerWhenTheStoreCannotClaim() {
        IllegalStateException outage = new IllegalStateException("redis unreachable");
        AtomicInteger runs = new AtomicInteger();
        EventDispatcher dispatcher = EventDispatcher.builder()
                .deduplicationStore(new ScriptedStore(null, State.ABSENT) {
                    @Override
                    public Claim tryClaim(Key key, Duration lease) {
                        throw outage;
                    }
                })
                .handler(countingHandler("h", runs)).build();

        DispatchResult result = dispatcher.dispatch(EventFixtures.bytes("call-ended.json"));

        assertThat(result.outcomes()).singleElement().satisfies(outcome -> {
            assertThat(outcome.status()).isEqualTo(Status.STORE_UNAVAILABLE);
            assertThat(outcome.error()).isSameAs(outage);
        });
        assertThat(result.httpStatus()).isEqualTo(503);
        assertThat(result.retryAfter()).contains(DispatchResult.STORE_UNAVAILABLE_RETRY_AFTER);
        assertThat(runs).hasValue(0);
    }

    @Test
    void reportsSuccessWhenTheHandlerSucceededEvenIfTheStoreCannotRecordIt() {
        AtomicInteger runs = new AtomicInteger();
        EventDispatcher dispatcher = EventDispatcher.builder()
                .deduplicationStore(new ScriptedStore(Claim.ACQUIRED, State.ABSENT) {
                    @Override
                    public void complete(Key key) {
                        throw new IllegalStateException("write failed");
                    }
                })
                .handler(countingHandler("h", runs)).build();

        DispatchResult result = dispatcher.dispatch(EventFixtures.bytes("call-ended.json"));

        assertThat(result.outcomes()).extracting(HandlerOutcome::status).containsExactly(Status.SUCCEEDED);
        assertThat(runs).hasValue(1);
    }

    @Test
    void recordsACompletionTheStoreMissedOnceTheStoreIsBackSoThatNoRedeliveryRunsTheHandlerAgain() throws Exception {
        FlakyStore store = new FlakyStore();
        AtomicInteger runs = new AtomicInteger();
        EventHandler handler = EventHandler.of(countingHandler("h", runs).definition(), arguments -> {
            runs.incrementAndGet();
            store.down = true; // the store goes away while the handler runs
        });
        EventDispatcher dispatcher = EventDispatcher.builder().deduplicationStore(store).handler(handler).build();
        byte[] body = EventFixtures.bytes("call-ended.json");

        assertThat(dispatcher.dispatch(body).httpStatus()).isEqualTo(200);
        DispatchResult duringOutage = dispatcher.dispatch(body);
        assertThat(duringOutage.outcomes()).extracting(HandlerOutcome::status)
                .containsExactly(Status.STORE_UNAVAILABLE);
        assertThat(duringOutage.retryAfter()).isPresent();
        store.down = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (store.memory.state(store.lastKey) != State.COMPLETED && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }

        assertThat(store.memory.state(store.lastKey)).isEqualTo(State.COMPLETED);
        assertThat(dispatcher.dispatch(body).outcomes()).extracting(HandlerOutcome::status)
                .containsExactly(Status.SKIPPED_DUPLICATE);
        assertThat(runs).hasValue(1);
    }

    @Test
    void answersStoreUnavailableWhenTheStoreFailsWhileWaitingForAnotherInstance() {
        EventDispatcher dispatcher = EventDispatcher.builder()
                .deduplicationStore(new ScriptedStore(Claim.HELD_ELSEWHERE, State.IN_PROGRESS) {
                    @Override
                    public State state(Key key) {
                        throw new IllegalStateException("connection reset");
                    }
                })
                .handler(countingHandler("h", new AtomicInteger())).build();

        DispatchResult result = dispatcher.dispatch(EventFixtures.bytes("call-ended.json"));

        assertThat(result.outcomes()).extracting(HandlerOutcome::status).containsExactly(Status.STORE_UNAVAILABLE);
        assertThat(result.httpStatus()).isEqualTo(503);
    }

    @Test
    void keepsTheHandlerFailureWhenReleasingTheClaimFailsToo() {
        IllegalStateException failure = new IllegalStateException("handler failed");
        IllegalStateException releaseFailure = new IllegalStateException("release failed");
        EventHandler failing = EventHandler.of(countingHandler("h", new AtomicInteger()).definition(), arguments -> {
            throw failure;
        });
        EventDispatcher dispatcher = EventDispatcher.builder()
                .deduplicationStore(new ScriptedStore(Claim.ACQUIRED, State.ABSENT) {
                    @Override
                    public void release(Key key) {
                        throw releaseFailure;
                    }
                })
                .handler(failing).build();

        DispatchResult result = dispatcher.dispatch(EventFixtures.bytes("call-ended.json"));

        assertThat(result.failures()).singleElement().satisfies(outcome -> {
            assertThat(outcome.error()).isSameAs(failure);
            assertThat(outcome.error().getSuppressed()).containsExactly(releaseFailure);
        });
    }

    @Test
    void letsAnErrorPropagateAfterReleasingTheClaimSoARedeliveryRunsTheHandler() {
        AtomicInteger attempts = new AtomicInteger();
        EventHandler overflowing = EventHandler.of(countingHandler("h", new AtomicInteger()).definition(), arguments -> {
            if (attempts.incrementAndGet() == 1) {
                throw new StackOverflowError("deep");
            }
        });
        EventDispatcher dispatcher = EventDispatcher.builder().handler(overflowing).build();
        byte[] body = EventFixtures.bytes("call-ended.json");

        assertThatThrownBy(() -> dispatcher.dispatch(body)).isInstanceOf(StackOverflowError.class);
        assertThat(dispatcher.dispatch(body).outcomes()).extracting(HandlerOutcome::status)
                .containsExactly(Status.SUCCEEDED);
        assertThat(attempts).hasValue(2);
    }

    @Test
    void runsEveryDeliveryWithoutDeduplication() {
        Recorder recorder = new Recorder();
        EventDispatcher dispatcher = EventDispatcher.builder().listener(recorder)
                .deduplicationStore(EventDeduplicationStore.none()).build();
        byte[] body = EventFixtures.bytes("call-ended.json");

        dispatcher.dispatch(body);
        dispatcher.dispatch(body);

        assertThat(recorder.count("ended")).isEqualTo(2);
    }

    @Test
    void invokesThroughACustomInvokerWithTheResolvedArguments() throws Exception {
        Recorder recorder = new Recorder();
        List<Object[]> invocations = new CopyOnWriteArrayList<>();
        EventHandlerDefinition definition = EventHandlers.definition(Recorder.class,
                Recorder.class.getMethod("raw", FonellaEvent.class, JsonNode.class));
        EventDispatcher dispatcher = EventDispatcher.builder()
                .handler(EventHandler.of(definition, invocations::add)).build();

        DispatchResult result = dispatcher.dispatch(EventFixtures.bytes("call-hang.json"));

        assertThat(invocations).singleElement().satisfies(arguments -> {
            assertThat(arguments[0]).isSameAs(result.event());
            assertThat(arguments[1]).isSameAs(result.event().raw());
        });
        assertThat(recorder.calls).isEmpty();
    }

    @Test
    void passesNullForTheCallWhenTheDeliveryHasNone() {
        List<Object[]> invocations = new CopyOnWriteArrayList<>();
        EventHandlerDefinition definition = EventHandlers.definitions(Recorder.class).stream()
                .filter(d -> d.method().getName().equals("call")).findFirst().orElseThrow();
        EventDispatcher dispatcher = EventDispatcher.builder()
                .handler(EventHandler.of(definition, invocations::add)).build();

        dispatcher.dispatch("{\"id\":\"evt_1\",\"type\":\"call.summary\"}".getBytes());

        assertThat(invocations).singleElement().satisfies(arguments -> assertThat(arguments).containsExactly((Object) null));
    }

    @Test
    void rejectsTwoHandlersWithTheSameIdNamingBoth() {
        EventDispatcher.Builder builder = EventDispatcher.builder().listener(new Recorder()).listener(new Recorder());

        assertThatThrownBy(builder::build)
                .isInstanceOf(EventHandlerDefinitionException.class)
                .hasMessageContaining("Two event handlers have the id '" + Recorder.class.getName() + "#call(Call)'")
                .hasMessageContaining("EventHandlerDefinition.withId");
    }

    @Test
    void acceptsTwoInstancesOfAClassWithDistinctIds() {
        Recorder first = new Recorder();
        Recorder second = new Recorder();
        EventDispatcher dispatcher = EventDispatcher.builder()
                .handlers(withIdPrefix("first", first)).handlers(withIdPrefix("second", second)).build();

        dispatcher.dispatch(EventFixtures.bytes("call-ended.json"));

        assertThat(first.count("ended")).isEqualTo(1);
        assertThat(second.count("ended")).isEqualTo(1);
    }

    @Test
    void refusesToBindAHandlerToAnObjectOfAnotherClass() {
        EventHandlerDefinition definition = EventHandlers.definitions(Recorder.class).get(0);

        assertThatThrownBy(() -> EventHandler.of(definition, "not a recorder"))
                .isInstanceOf(EventHandlerDefinitionException.class)
                .hasMessageContaining("on an instance of java.lang.String");
    }

    @Test
    void rejectsANegativeWaitAndANonPositiveLease() {
        assertThatThrownBy(() -> EventDispatcher.builder().concurrentDeliveryWait(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT5S");
        assertThatThrownBy(() -> EventDispatcher.builder().claimLease(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT5M");
    }

    private static List<EventHandler> withIdPrefix(String prefix, Object target) {
        return EventHandlers.definitions(target.getClass()).stream()
                .map(d -> EventHandler.of(d.withId(prefix + "#" + d.method().getName()), target)).toList();
    }

    private static EventHandler countingHandler(String id, AtomicInteger runs) {
        EventHandlerDefinition definition = EventHandlers.definitions(Recorder.class).stream()
                .filter(d -> d.method().getName().equals("ended")).findFirst().orElseThrow().withId(id);
        return EventHandler.of(definition, arguments -> runs.incrementAndGet());
    }

    private static EventHandler blockingHandler(String id, CountDownLatch entered, CountDownLatch proceed,
            AtomicInteger runs, RuntimeException failFirst) {
        EventHandlerDefinition definition = countingHandler(id, runs).definition();
        return EventHandler.of(definition, arguments -> {
            int run = runs.incrementAndGet();
            entered.countDown();
            if (!proceed.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("test did not release the handler");
            }
            if (failFirst != null && run == 1) {
                throw failFirst;
            }
        });
    }

    private <T> List<T> concurrently(int deliveries, Callable<T> delivery) throws Exception {
        CountDownLatch ready = new CountDownLatch(deliveries);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (int i = 0; i < deliveries; i++) {
            futures.add(pool.submit(() -> {
                ready.countDown();
                start.await();
                return delivery.call();
            }));
        }
        assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
        start.countDown();
        List<T> results = new ArrayList<>();
        for (Future<T> future : futures) {
            results.add(future.get(20, TimeUnit.SECONDS));
        }
        return results;
    }

    /** An in-memory store that throws, as an unreachable one does, while {@link #down}. */
    static final class FlakyStore implements EventDeduplicationStore {
        final InMemoryEventDeduplicationStore memory = new InMemoryEventDeduplicationStore();
        volatile boolean down;
        volatile Key lastKey;

        private void reach() {
            if (down) {
                throw new IllegalStateException("store unreachable");
            }
        }

        @Override
        public Claim tryClaim(Key key, Duration lease) {
            reach();
            lastKey = key;
            return memory.tryClaim(key, lease);
        }

        @Override
        public void complete(Key key) {
            reach();
            memory.complete(key);
        }

        @Override
        public void release(Key key) {
            reach();
            memory.release(key);
        }

        @Override
        public State state(Key key) {
            reach();
            return memory.state(key);
        }
    }

    /** A shared store stand-in whose claim answer and successive states are scripted. */
    static class ScriptedStore implements EventDeduplicationStore {
        private final Claim claim;
        private final State[] states;
        final AtomicInteger stateQueries = new AtomicInteger();

        ScriptedStore(Claim claim, State... states) {
            this.claim = claim;
            this.states = states;
        }

        @Override
        public Claim tryClaim(Key key, Duration lease) {
            return claim;
        }

        @Override
        public void complete(Key key) {
        }

        @Override
        public void release(Key key) {
        }

        @Override
        public State state(Key key) {
            int query = stateQueries.getAndIncrement();
            return states[Math.min(query, states.length - 1)];
        }
    }
}
