package ai.fonella.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.fonella.event.EventHandlerDefinition.ParameterKind;
import ai.fonella.model.Call;
import ai.fonella.model.EventType;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class EventHandlersTests {

    static class TypicalHandlers {
        final List<String> seen = new ArrayList<>();

        @OnFonellaEvent
        public void onEnded(CallEndedEvent event) {
            seen.add("ended " + event.id());
        }

        @OnFonellaEvent({OnFonellaEvent.CALL_ENDED, OnFonellaEvent.CALL_FAILED})
        void onOver(FonellaEvent event, Call call) {
            seen.add("over " + event.type() + " " + (call == null ? null : call.id()));
        }

        @OnFonellaEvent(OnFonellaEvent.CALL_SUMMARY)
        private void onSummary(JsonNode raw) {
            seen.add("summary raw " + raw.get("id").asString());
        }

        @OnFonellaEvent(OnFonellaEvent.ALL)
        public void audit(FonellaEvent event) {
            seen.add("audit " + event.type());
        }

        @OnFonellaEvent(OnFonellaEvent.CALL_STARTED)
        public void noParameters() {
            seen.add("started");
        }

        public void notAHandler(CallEndedEvent event) {
            seen.add("never");
        }
    }

    interface EndedListener {
        @OnFonellaEvent
        void ended(CallEndedEvent event);

        @OnFonellaEvent(OnFonellaEvent.CALL_HANG)
        default void hang(CallHangEvent event) {
        }
    }

    abstract static class BaseHandlers {
        @OnFonellaEvent(OnFonellaEvent.CALL_FAILED)
        public void failed(CallFailedEvent event) {
        }

        @OnFonellaEvent
        public void started(CallStartedEvent event) {
        }
    }

    static class InheritingHandlers extends BaseHandlers implements EndedListener {
        @Override
        public void ended(CallEndedEvent event) {
        }

        @Override
        public void failed(CallFailedEvent event) {
        }
    }

    interface GenericListener<E extends FonellaEvent> {
        void on(E event);
    }

    static class GenericHandlers implements GenericListener<CallSummaryEvent> {
        @Override
        @OnFonellaEvent
        public void on(CallSummaryEvent event) {
        }
    }

    static class PrivateInSuper {
        @OnFonellaEvent
        private void ended(CallEndedEvent event) {
        }
    }

    static class PrivateShadow extends PrivateInSuper {
        @SuppressWarnings("unused")
        private void ended(CallEndedEvent event) {
        }
    }

    static class Ids {
        @OnFonellaEvent(value = OnFonellaEvent.CALL_ENDED, id = " orders.ended ")
        public void ended(CallEndedEvent event) {
        }
    }

    @Test
    void findsAnnotatedMethodsOfAnyVisibilityInNameOrder() {
        List<EventHandlerDefinition> definitions = EventHandlers.definitions(TypicalHandlers.class);

        assertThat(definitions).extracting(d -> d.method().getName())
                .containsExactly("audit", "noParameters", "onEnded", "onOver", "onSummary");
    }

    @Test
    void infersTheTypeFromASpecificEventParameter() {
        EventHandlerDefinition onEnded = byName(TypicalHandlers.class).get("onEnded");

        assertThat(onEnded.eventTypes()).containsExactly(EventType.CALL_ENDED);
        assertThat(onEnded.allTypes()).isFalse();
        assertThat(onEnded.parameters()).containsExactly(ParameterKind.EVENT);
    }

    @Test
    void takesExplicitTypesAndDescribesEachParameter() {
        Map<String, EventHandlerDefinition> definitions = byName(TypicalHandlers.class);

        assertThat(definitions.get("onOver").eventTypes()).containsExactlyInAnyOrder(EventType.CALL_ENDED,
                EventType.CALL_FAILED);
        assertThat(definitions.get("onOver").parameters()).containsExactly(ParameterKind.EVENT, ParameterKind.CALL);
        assertThat(definitions.get("onSummary").parameters()).containsExactly(ParameterKind.RAW_JSON);
        assertThat(definitions.get("noParameters").parameters()).isEmpty();
        assertThat(definitions.get("noParameters").eventTypes()).containsExactly(EventType.CALL_STARTED);
    }

    @Test
    void treatsStarAsEveryTypeIncludingUnknownOnes() {
        EventHandlerDefinition audit = byName(TypicalHandlers.class).get("audit");

        assertThat(audit.allTypes()).isTrue();
        assertThat(audit.eventTypes()).isEqualTo(EventType.known());
        assertThat(audit.handles(EventType.UNKNOWN)).isTrue();
        assertThat(byName(TypicalHandlers.class).get("onEnded").handles(EventType.UNKNOWN)).isFalse();
    }

    @Test
    void findsAnnotationsDeclaredOnInterfacesAndSuperclassesAndDefaultMethods() {
        Map<String, EventHandlerDefinition> definitions = byName(InheritingHandlers.class);

        assertThat(definitions.keySet()).containsExactlyInAnyOrder("ended", "hang", "failed", "started");
        assertThat(definitions.get("ended").method().getDeclaringClass()).isEqualTo(InheritingHandlers.class);
        assertThat(definitions.get("failed").method().getDeclaringClass()).isEqualTo(InheritingHandlers.class);
        assertThat(definitions.get("started").method().getDeclaringClass()).isEqualTo(BaseHandlers.class);
        assertThat(definitions.get("hang").method().getDeclaringClass()).isEqualTo(EndedListener.class);
        assertThat(definitions.get("failed").eventTypes()).containsExactly(EventType.CALL_FAILED);
        assertThat(definitions.values()).allSatisfy(d -> assertThat(d.targetClass()).isEqualTo(InheritingHandlers.class));
    }

    @Test
    void ignoresBridgeMethodsOfGenericInterfaces() {
        List<EventHandlerDefinition> definitions = EventHandlers.definitions(GenericHandlers.class);

        assertThat(GenericHandlers.class.getDeclaredMethods()).anyMatch(Method::isBridge);
        assertThat(definitions).singleElement().satisfies(d -> {
            assertThat(d.method().isBridge()).isFalse();
            assertThat(d.method().getParameterTypes()).containsExactly(CallSummaryEvent.class);
        });
    }

    @Test
    void keepsAPrivateSuperclassHandlerApartFromASubclassMethodWithTheSameSignature() {
        assertThat(EventHandlers.definitions(PrivateShadow.class)).singleElement()
                .satisfies(d -> assertThat(d.method().getDeclaringClass()).isEqualTo(PrivateInSuper.class));
    }

    @Test
    void findsNothingOnAClassWithoutHandlers() {
        assertThat(EventHandlers.definitions(String.class)).isEmpty();
        assertThat(EventHandlers.handlers(new Object())).isEmpty();
    }

    @Test
    void derivesAStableIdFromClassMethodAndParameterTypesUnlessOneIsGiven() {
        assertThat(byName(TypicalHandlers.class).get("onOver").id())
                .isEqualTo(TypicalHandlers.class.getName() + "#onOver(FonellaEvent, Call)");
        assertThat(EventHandlers.definitions(Ids.class).get(0).id()).isEqualTo("orders.ended");
        assertThat(EventHandlers.definitions(Ids.class).get(0).withId("bean#ended").id()).isEqualTo("bean#ended");
    }

    @Test
    void buildsTheSameDefinitionPerMethodAsPerClassForFrameworksThatDiscoverMethodsThemselves() throws Exception {
        Method onOver = TypicalHandlers.class.getDeclaredMethod("onOver", FonellaEvent.class, Call.class);
        Method ended = EndedListener.class.getMethod("ended", CallEndedEvent.class);
        Method implementation = InheritingHandlers.class.getMethod("ended", CallEndedEvent.class);

        assertThat(EventHandlers.definition(TypicalHandlers.class, onOver))
                .isEqualTo(byName(TypicalHandlers.class).get("onOver"));
        assertThat(EventHandlers.definition(InheritingHandlers.class, implementation, ended.getAnnotation(OnFonellaEvent.class)))
                .isEqualTo(byName(InheritingHandlers.class).get("ended"));
    }

    @Test
    void rejectsAMethodWithoutTheAnnotationInThePerMethodEntryPoint() throws Exception {
        Method method = TypicalHandlers.class.getMethod("notAHandler", CallEndedEvent.class);

        assertThatThrownBy(() -> EventHandlers.definition(TypicalHandlers.class, method))
                .isInstanceOf(EventHandlerDefinitionException.class)
                .hasMessageContaining("TypicalHandlers.notAHandler(CallEndedEvent) is not annotated with @OnFonellaEvent");
    }

    @Test
    void bindsHandlersToAnObjectAndInvokesThemWithTheArgumentsTheyAskFor() throws Exception {
        TypicalHandlers target = new TypicalHandlers();
        Map<String, EventHandler> handlers = EventHandlers.handlers(target).stream()
                .collect(Collectors.toMap(h -> h.definition().method().getName(), Function.identity()));
        FonellaEvent ended = EventFixtures.event("call-ended.json");

        handlers.get("onEnded").invoke(ended);
        handlers.get("onOver").invoke(ended);
        handlers.get("onSummary").invoke(EventFixtures.event("call-summary.json"));
        handlers.get("noParameters").invoke(EventFixtures.event("call-started.json"));

        assertThat(target.seen).containsExactly("ended evt_ended_1", "over call.ended call_7f3a",
                "summary raw evt_summary_1", "started");
    }

    static class Throwing {
        static final java.io.IOException CHECKED = new java.io.IOException("disk full");

        @OnFonellaEvent
        public void ended(CallEndedEvent event) throws java.io.IOException {
            throw CHECKED;
        }
    }

    @Test
    void rethrowsTheHandlersOwnCheckedExceptionRatherThanAReflectionWrapper() {
        EventHandler handler = EventHandlers.handlers(new Throwing()).get(0);

        assertThatThrownBy(() -> handler.invoke(EventFixtures.event("call-ended.json"))).isSameAs(Throwing.CHECKED);
    }

    // --- build-time errors ---

    static class UnknownTypeName {
        @OnFonellaEvent("call.finished")
        public void on(FonellaEvent event) {
        }
    }

    @Test
    void rejectsAnUnknownTypeNameListingTheEightTypes() {
        assertThatThrownBy(() -> EventHandlers.definitions(UnknownTypeName.class))
                .isInstanceOf(EventHandlerDefinitionException.class)
                .hasMessageContaining(UnknownTypeName.class.getName() + ".on(FonellaEvent)")
                .hasMessageContaining("unknown event type \"call.finished\"")
                .hasMessageContaining("\"call.started\", \"call.ended\", \"call.failed\", \"call.transcript\", "
                        + "\"call.speech_update\", \"call.tool_call\", \"call.hang\", \"call.summary\"");
    }

    static class IncompatibleParameter {
        @OnFonellaEvent(OnFonellaEvent.CALL_SUMMARY)
        public void on(CallEndedEvent event) {
        }
    }

    @Test
    void rejectsAParameterThatCannotReceiveADeclaredType() {
        assertThatThrownBy(() -> EventHandlers.definitions(IncompatibleParameter.class))
                .isInstanceOf(EventHandlerDefinitionException.class)
                .hasMessageContaining("IncompatibleParameter.on(CallEndedEvent)")
                .hasMessageContaining("declares \"call.summary\", which is delivered as CallSummaryEvent, but its "
                        + "parameter type is CallEndedEvent")
                .hasMessageContaining("Declare the parameter as CallSummaryEvent, or as FonellaEvent");
    }

    static class OneCompatibleOneNot {
        @OnFonellaEvent({OnFonellaEvent.CALL_ENDED, OnFonellaEvent.CALL_FAILED})
        public void on(CallEndedEvent event) {
        }
    }

    @Test
    void rejectsASpecificParameterForSeveralTypes() {
        assertThatThrownBy(() -> EventHandlers.definitions(OneCompatibleOneNot.class))
                .isInstanceOf(EventHandlerDefinitionException.class)
                .hasMessageContaining("\"call.failed\", which is delivered as CallFailedEvent");
    }

    static class UnsupportedParameter {
        @OnFonellaEvent(OnFonellaEvent.CALL_ENDED)
        public void on(CallEndedEvent event, String tenant) {
        }
    }

    @Test
    void rejectsAParameterThatCannotBeSuppliedNamingItAndTheChoices() {
        assertThatThrownBy(() -> EventHandlers.definitions(UnsupportedParameter.class))
                .isInstanceOf(EventHandlerDefinitionException.class)
                .hasMessageContaining("UnsupportedParameter.on(CallEndedEvent, String)")
                .hasMessageContaining("parameter 2 (tenant) has type java.lang.String")
                .hasMessageContaining("the event (FonellaEvent or a specific event class such as CallEndedEvent), the "
                        + "Call, or the raw envelope as JsonNode");
    }

    static class TwoEventClasses {
        @OnFonellaEvent
        public void on(CallEndedEvent ended, CallSummaryEvent summary) {
        }
    }

    @Test
    void rejectsParametersOfTwoEventClassesWithoutTypes() {
        assertThatThrownBy(() -> EventHandlers.definitions(TwoEventClasses.class))
                .isInstanceOf(EventHandlerDefinitionException.class)
                .hasMessageContaining("several event classes (CallEndedEvent, CallSummaryEvent)");
    }

    static class NothingToInfer {
        @OnFonellaEvent
        public void onAnything(FonellaEvent event) {
        }
    }

    static class CallOnly {
        @OnFonellaEvent
        public void onCall(Call call) {
        }
    }

    static class NoParameters {
        @OnFonellaEvent
        public void ping() {
        }
    }

    @Test
    void rejectsAHandlerWithoutTypesAndWithoutASpecificEventParameterInsteadOfCatchingAll() {
        for (Class<?> type : List.of(NothingToInfer.class, CallOnly.class, NoParameters.class)) {
            assertThatThrownBy(() -> EventHandlers.definitions(type))
                    .isInstanceOf(EventHandlerDefinitionException.class)
                    .hasMessageContaining(type.getName())
                    .hasMessageContaining("declares no event type, and none can be inferred")
                    .hasMessageContaining("@OnFonellaEvent(\"*\") to receive every event");
        }
    }

    static class UnknownEventParameter {
        @OnFonellaEvent
        public void on(UnknownFonellaEvent event) {
        }
    }

    @Test
    void explainsThatUnknownEventsNeedTheCatchAll() {
        assertThatThrownBy(() -> EventHandlers.definitions(UnknownEventParameter.class))
                .isInstanceOf(EventHandlerDefinitionException.class)
                .hasMessageContaining("use @OnFonellaEvent(\"*\") with a FonellaEvent parameter");
    }

    static class StarWithSpecificParameter {
        @OnFonellaEvent(OnFonellaEvent.ALL)
        public void on(CallEndedEvent event) {
        }
    }

    static class StarWithOthers {
        @OnFonellaEvent({OnFonellaEvent.ALL, OnFonellaEvent.CALL_ENDED})
        public void on(FonellaEvent event) {
        }
    }

    @Test
    void rejectsACatchAllWithASpecificParameterOrWithOtherTypes() {
        assertThatThrownBy(() -> EventHandlers.definitions(StarWithSpecificParameter.class))
                .isInstanceOf(EventHandlerDefinitionException.class)
                .hasMessageContaining("handles every type (\"*\"), but its parameter type CallEndedEvent");
        assertThatThrownBy(() -> EventHandlers.definitions(StarWithOthers.class))
                .isInstanceOf(EventHandlerDefinitionException.class)
                .hasMessageContaining("declares \"*\" together with other types");
    }

    static class StaticHandler {
        @OnFonellaEvent
        public static void on(CallEndedEvent event) {
        }
    }

    static class AsyncHandler {
        @OnFonellaEvent
        public CompletableFuture<Void> on(CallEndedEvent event) {
            return CompletableFuture.completedFuture(null);
        }
    }

    static class ReturningHandler {
        @OnFonellaEvent
        public String on(CallEndedEvent event) {
            return "ignored";
        }
    }

    @Test
    void rejectsStaticAndAsynchronousHandlersButAcceptsOtherReturnTypes() {
        assertThatThrownBy(() -> EventHandlers.definitions(StaticHandler.class))
                .isInstanceOf(EventHandlerDefinitionException.class)
                .hasMessageContaining("StaticHandler.on(CallEndedEvent) is static; make it an instance method");
        assertThatThrownBy(() -> EventHandlers.definitions(AsyncHandler.class))
                .isInstanceOf(EventHandlerDefinitionException.class)
                .hasMessageContaining("returns CompletableFuture")
                .hasMessageContaining("return void");
        assertThat(EventHandlers.definitions(ReturningHandler.class)).hasSize(1);
    }

    @Test
    void validatesDefinitionsBuiltInCode() throws Exception {
        Method method = TypicalHandlers.class.getMethod("onEnded", CallEndedEvent.class);

        assertThatThrownBy(() -> new EventHandlerDefinition(" ", TypicalHandlers.class, method,
                EnumSet.of(EventType.CALL_ENDED), false, List.of(ParameterKind.EVENT)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EventHandlerDefinition("x", TypicalHandlers.class, method,
                EnumSet.of(EventType.UNKNOWN), false, List.of(ParameterKind.EVENT)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EventHandlerDefinition("x", TypicalHandlers.class, method,
                EnumSet.of(EventType.CALL_ENDED), false, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Map<String, EventHandlerDefinition> byName(Class<?> type) {
        return EventHandlers.definitions(type).stream()
                .collect(Collectors.toMap(d -> d.method().getName(), Function.identity()));
    }
}
