package ai.fonella.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.fonella.FonellaException;
import ai.fonella.model.CallStatus;
import ai.fonella.model.EventType;
import ai.fonella.model.TranscriptMessage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FonellaEventsTests {

    @ParameterizedTest
    @CsvSource({
            "call-started.json, call.started, CallStartedEvent",
            "call-ended.json, call.ended, CallEndedEvent",
            "call-failed.json, call.failed, CallFailedEvent",
            "call-transcript.json, call.transcript, CallTranscriptEvent",
            "call-speech-update.json, call.speech_update, CallSpeechUpdateEvent",
            "call-tool-call.json, call.tool_call, CallToolCallEvent",
            "call-hang.json, call.hang, CallHangEvent",
            "call-summary.json, call.summary, CallSummaryEvent",
            "unknown-type.json, call.recording_ready, UnknownFonellaEvent"})
    void parsesEveryTypeToItsRecordWithEnvelopeFields(String file, String type, String recordName) {
        FonellaEvent event = EventFixtures.event(file);

        assertThat(event.getClass().getSimpleName()).isEqualTo(recordName);
        assertThat(event.type()).isEqualTo(type);
        assertThat(event.eventType()).isEqualTo(EventType.fromWireName(type));
        assertThat(event.id()).startsWith("evt_");
        assertThat(event.createdAt()).isAfter(Instant.parse("2026-11-24T10:00:00Z"));
        assertThat(event.call()).isNotNull();
        assertThat(event.raw().get("id").asString()).isEqualTo(event.id());
        assertThat(event.raw().path("data").has("call")).isTrue();
    }

    @Test
    void mapsEachKnownTypeToTheClassItIsDeliveredAsAndBack() {
        for (EventType type : EventType.known()) {
            Class<? extends FonellaEvent> eventClass = FonellaEvents.eventClass(type);
            FonellaEvent event = FonellaEvents.parse(EventFixtures.envelope("evt_1", type.wireName()));

            assertThat(event).isInstanceOf(eventClass);
            assertThat(event.type()).isEqualTo(type.wireName());
            assertThat(FonellaEvents.eventType(eventClass)).isEqualTo(type);
        }
        assertThat(FonellaEvents.eventClass(EventType.UNKNOWN)).isEqualTo(UnknownFonellaEvent.class);
        assertThat(FonellaEvents.eventType(FonellaEvent.class)).isNull();
        assertThat(FonellaEvents.eventType(UnknownFonellaEvent.class)).isNull();
        assertThat(FonellaEvents.eventType(String.class)).isNull();
    }

    @Test
    void readsTheCallOfACallEndedEventWithTranscriptAndEndedReason() {
        CallEndedEvent event = (CallEndedEvent) EventFixtures.event("call-ended.json");

        assertThat(event.call().id()).isEqualTo("call_7f3a");
        assertThat(event.call().status()).isEqualTo(CallStatus.ENDED);
        assertThat(event.call().duration()).isEqualTo(135);
        assertThat(event.call().endedAt()).isEqualTo(Instant.parse("2026-11-24T10:17:15Z"));
        assertThat(event.endedReason()).isEqualTo("customer-ended");
        assertThat(event.transcriptMessages()).containsExactly(
                new TranscriptMessage("user", "Is my order ready?"),
                new TranscriptMessage("assistant", "Yes, order 1042 is ready for pickup."));
    }

    @Test
    void readsTheTypeSpecificFieldsOfData() {
        assertThat(((CallFailedEvent) EventFixtures.event("call-failed.json")).error())
                .isEqualTo("The assistant could not be reached.");
        assertThat(((CallTranscriptEvent) EventFixtures.event("call-transcript.json")).message())
                .isEqualTo(new TranscriptMessage("user", "Is my order ready?"));
        assertThat(((CallHangEvent) EventFixtures.event("call-hang.json")).message())
                .isEqualTo("One moment, I am checking that for you.");
        assertThat(((CallSummaryEvent) EventFixtures.event("call-summary.json")).summary())
                .isEqualTo("The caller asked about order 1042, which is ready.");

        CallSpeechUpdateEvent speech = (CallSpeechUpdateEvent) EventFixtures.event("call-speech-update.json");
        assertThat(speech.role()).isEqualTo("user");
        assertThat(speech.status()).isEqualTo(CallSpeechUpdateEvent.STATUS_STARTED);
        assertThat(speech.isStarted()).isTrue();
        assertThat(speech.isCaller()).isTrue();

        CallToolCallEvent.ToolCall toolCall = ((CallToolCallEvent) EventFixtures.event("call-tool-call.json")).toolCall();
        assertThat(toolCall.id()).isEqualTo("tc_91");
        assertThat(toolCall.name()).isEqualTo("lookupOrder");
        assertThat(toolCall.arguments().get("orderNumber").asString()).isEqualTo("1042");
        assertThat(toolCall.arguments().get("includeItems").asBoolean()).isTrue();
        assertThat(toolCall.result()).isEqualTo("Order 1042 is ready for pickup.");
    }

    @Test
    void ignoresUnknownFieldsAndUnknownCallStatusesAndReadsOffsetTimestamps() {
        FonellaEvent event = EventFixtures.event("with-unknown-fields.json");

        assertThat(event).isInstanceOf(CallEndedEvent.class);
        assertThat(event.id()).isEqualTo("evt_ended_2");
        assertThat(event.createdAt()).isEqualTo(Instant.parse("2026-11-24T10:17:15Z"));
        assertThat(event.call().id()).isEqualTo("call_9");
        assertThat(event.call().status()).isEqualTo(CallStatus.UNKNOWN);
        assertThat(event.raw().path("meta").path("attempt").asInt()).isEqualTo(2);
    }

    @Test
    void keepsAnUnknownTypeAsAnUnknownEventWithItsNameAndRawFields() {
        UnknownFonellaEvent event = (UnknownFonellaEvent) EventFixtures.event("unknown-type.json");

        assertThat(event.type()).isEqualTo("call.recording_ready");
        assertThat(event.eventType()).isEqualTo(EventType.UNKNOWN);
        assertThat(event.call().id()).isEqualTo("call_7f3a");
        assertThat(event.raw().path("data").path("recordingUrl").asString()).isEqualTo("https://example.com/r/1.mp3");
    }

    @Test
    void toleratesAnUnknownTypeWhoseCallIsNotACall() {
        FonellaEvent event = FonellaEvents.parse(
                "{\"id\":\"evt_1\",\"type\":\"room.created\",\"data\":{\"call\":{\"startedAt\":\"yesterday\"}}}");

        assertThat(event).isInstanceOf(UnknownFonellaEvent.class);
        assertThat(event.call()).isNull();
    }

    @Test
    void leavesAbsentOptionalPartsNull() {
        FonellaEvent event = FonellaEvents.parse("{\"id\":\"evt_1\",\"type\":\"call.summary\"}");

        assertThat(event).isInstanceOf(CallSummaryEvent.class);
        assertThat(event.createdAt()).isNull();
        assertThat(event.call()).isNull();
        assertThat(((CallSummaryEvent) event).summary()).isNull();
    }

    @Test
    void treatsAnUnreadableCreatedAtAsAbsentRatherThanRejectingTheDelivery() {
        FonellaEvent event = FonellaEvents.parse("{\"id\":\"evt_1\",\"type\":\"call.started\",\"createdAt\":\"soon\"}");

        assertThat(event.createdAt()).isNull();
    }

    @Test
    void takesTheSummaryFromTheCallWhenDataHasNone() {
        CallSummaryEvent event = (CallSummaryEvent) FonellaEvents.parse(
                "{\"id\":\"evt_1\",\"type\":\"call.summary\",\"data\":{\"call\":{\"id\":\"c\",\"summary\":\"Short.\"}}}");

        assertThat(event.summary()).isEqualTo("Short.");
    }

    @Test
    void givesAToolCallWithoutArgumentsAnEmptyArgumentsObject() {
        CallToolCallEvent event = (CallToolCallEvent) FonellaEvents.parse(
                "{\"id\":\"evt_1\",\"type\":\"call.tool_call\",\"data\":{\"toolCall\":{\"id\":\"tc\",\"name\":\"ping\"}}}");

        assertThat(event.toolCall().arguments().isObject()).isTrue();
        assertThat(event.toolCall().arguments().isEmpty()).isTrue();
        assertThat(event.toolCall().result()).isNull();
    }

    @Test
    void readsScalarTypeSpecificFieldsAsTextAndIgnoresStructuredOnes() {
        CallFailedEvent failed = (CallFailedEvent) FonellaEvents.parse(
                "{\"id\":\"evt_1\",\"type\":\"call.failed\",\"data\":{\"error\":503}}");
        CallHangEvent hang = (CallHangEvent) FonellaEvents.parse(
                "{\"id\":\"evt_2\",\"type\":\"call.hang\",\"data\":{\"message\":{\"text\":\"nested\"}}}");

        assertThat(failed.error()).isEqualTo("503");
        assertThat(hang.message()).isNull();
    }

    @Test
    void parsesTextAndBytesAlike() {
        String body = new String(EventFixtures.bytes("call-hang.json"), StandardCharsets.UTF_8);

        assertThat(FonellaEvents.parse(body)).isEqualTo(EventFixtures.event("call-hang.json"));
    }

    @Test
    void parsesNonAsciiTextAsUtf8() {
        CallTranscriptEvent event = (CallTranscriptEvent) FonellaEvents.parse(
                "{\"id\":\"evt_1\",\"type\":\"call.transcript\",\"data\":{\"message\":{\"role\":\"user\",\"text\":\"Zoë 😀\"}}}"
                        .getBytes(StandardCharsets.UTF_8));

        assertThat(event.message().text()).isEqualTo("Zoë 😀");
    }

    @Test
    void parsesACallEndedEventWithATwoHundredMessageTranscript() {
        StringBuilder messages = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            messages.append(i == 0 ? "" : ",").append("{\"role\":\"").append(i % 2 == 0 ? "user" : "assistant")
                    .append("\",\"text\":\"Utterance number ").append(i).append(" of a long call.\"}");
        }
        String body = "{\"id\":\"evt_long\",\"type\":\"call.ended\",\"createdAt\":\"2026-11-24T10:15:00Z\","
                + "\"data\":{\"call\":{\"id\":\"call_long\",\"status\":\"ended\",\"transcriptMessages\":[" + messages
                + "]}}}";

        CallEndedEvent event = (CallEndedEvent) FonellaEvents.parse(body.getBytes(StandardCharsets.UTF_8));

        assertThat(event.transcriptMessages()).hasSize(200);
        assertThat(event.transcriptMessages().get(199))
                .isEqualTo(new TranscriptMessage("assistant", "Utterance number 199 of a long call."));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "{", "{\"id\":\"evt_1\",", "not json", "{\"id\":\"evt_1\"} trailing",
            "{\"id\":\"evt_1\",\"type\":\"call.ended\"}{}"})
    void rejectsMalformedJsonWithAParseException(String body) {
        assertThatThrownBy(() -> FonellaEvents.parse(body.getBytes(StandardCharsets.UTF_8)))
                .isExactlyInstanceOf(EventParseException.class)
                .isInstanceOf(FonellaException.class)
                .hasMessageStartingWith("The webhook body is");
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "[]", "42", "\"evt_1\"", "true"})
    void rejectsAJsonRootThatIsNotAnObject(String body) {
        assertThatThrownBy(() -> FonellaEvents.parse(body))
                .isExactlyInstanceOf(EventParseException.class)
                .hasMessageContaining("not a JSON object with id, type and data");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"type\":\"call.ended\"}|has no \"id\"",
            "{\"id\":null,\"type\":\"call.ended\"}|has no \"id\"",
            "{\"id\":\"  \",\"type\":\"call.ended\"}|\"id\" is blank",
            "{\"id\":42,\"type\":\"call.ended\"}|\"id\" is a JSON number",
            "{\"id\":\"evt_1\"}|has no \"type\"",
            "{\"id\":\"evt_1\",\"type\":\"\"}|\"type\" is blank",
            "{\"id\":\"evt_1\",\"type\":[\"call.ended\"]}|\"type\" is a JSON array"})
    void rejectsAMissingOrNonStringIdOrTypeNamingTheField(String body, String message) {
        assertThatThrownBy(() -> FonellaEvents.parse(body))
                .isExactlyInstanceOf(EventParseException.class)
                .hasMessageContaining(message);
    }

    @Test
    void rejectsACallOfAKnownTypeThatCannotBeReadNamingTheFieldButNotItsValue() {
        String body = "{\"id\":\"evt_1\",\"type\":\"call.ended\",\"data\":{\"call\":{\"id\":\"c\","
                + "\"startedAt\":\"secret-looking-value\"}}}";

        assertThatThrownBy(() -> FonellaEvents.parse(body))
                .isExactlyInstanceOf(EventParseException.class)
                .hasMessageContaining("data.call.startedAt")
                .hasMessageNotContaining("secret-looking-value")
                .hasCauseInstanceOf(tools.jackson.core.JacksonException.class);
    }

    @Test
    void namesThePositionOfASyntaxErrorButNotTheBodysContent() {
        String body = "{\"id\":\"evt_1\",\"type\":\"call.ended\",\"data\":{\"note\":\"private words\" oops}}";

        assertThatThrownBy(() -> FonellaEvents.parse(body.getBytes(StandardCharsets.UTF_8)))
                .isExactlyInstanceOf(EventParseException.class)
                .hasMessageContaining("at byte ")
                .hasMessageNotContaining("private words")
                .hasMessageNotContaining("oops");
    }

    @Test
    void keepsTheEnvelopeAsRawWithoutCopyingIt() {
        tools.jackson.databind.JsonNode envelope = ai.fonella.support.FonellaJson.mapper()
                .readTree(EventFixtures.bytes("call-ended.json"));

        assertThat(FonellaEvents.parse(envelope).raw()).isSameAs(envelope);
    }

    @Test
    void requiresAnIdWhenConstructingAnEventInCode() {
        assertThatThrownBy(() -> new CallStartedEvent(null, null, null, null))
                .isInstanceOf(NullPointerException.class).hasMessage("id");
        assertThatThrownBy(() -> new UnknownFonellaEvent("evt_1", null, null, null, null))
                .isInstanceOf(NullPointerException.class).hasMessage("type");
    }

    @Test
    void offersTheWireNamesAsAnnotationConstantsMatchingTheEventTypes() {
        assertThat(new String[] {OnFonellaEvent.CALL_STARTED, OnFonellaEvent.CALL_ENDED, OnFonellaEvent.CALL_FAILED,
                OnFonellaEvent.CALL_TRANSCRIPT, OnFonellaEvent.CALL_SPEECH_UPDATE, OnFonellaEvent.CALL_TOOL_CALL,
                OnFonellaEvent.CALL_HANG, OnFonellaEvent.CALL_SUMMARY})
                .containsExactlyInAnyOrderElementsOf(EventType.known().stream().map(EventType::wireName).toList());
    }

    @Test
    void refusesOverlongAndOtherInvalidUtf8InsteadOfRepairingIt() {
        // "/" as the overlong two-byte form C0 AF, and a lone continuation byte
        for (byte[] bad : new byte[][] {
                {'{', '"', 'i', 'd', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'},
                {'{', '"', 'i', 'd', '"', ':', '"', (byte) 0x80, '"', '}'}}) {
            assertThatThrownBy(() -> FonellaEvents.parse(bad)).isInstanceOf(EventParseException.class)
                    .hasMessageContaining("not valid UTF-8");
        }
    }

    @Test
    void refusesAnEnvelopeThatRepeatsAKeyAtAnyDepth() {
        String top = "{\"id\":\"evt_a\",\"type\":\"call.ended\",\"id\":\"evt_b\",\"data\":{}}";
        String nested = "{\"id\":\"evt_a\",\"type\":\"call.ended\",\"data\":{\"call\":{\"id\":\"c1\",\"id\":\"c2\"}}}";
        for (String body : new String[] {top, nested}) {
            assertThatThrownBy(() -> FonellaEvents.parse(body)).isInstanceOf(EventParseException.class)
                    .hasMessageContaining("a key appears twice").hasMessageNotContaining("Duplicate");
        }
    }

    @Test
    void refusesEventIdsLongerThanTheBoundWithoutEchoingThem() {
        String longId = "evt_" + "x".repeat(FonellaEvents.MAX_ID_LENGTH);
        assertThatThrownBy(() -> FonellaEvents.parse(EventFixtures.envelope(longId, "call.ended")))
                .isInstanceOf(EventParseException.class)
                .hasMessageContaining("more than the 256")
                .hasMessageNotContaining(longId);
        String longest = "e".repeat(FonellaEvents.MAX_ID_LENGTH);
        assertThat(FonellaEvents.parse(EventFixtures.envelope(longest, "call.ended")).id()).isEqualTo(longest);
    }
}
