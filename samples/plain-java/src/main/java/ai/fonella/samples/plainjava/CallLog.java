package ai.fonella.samples.plainjava;

import ai.fonella.event.CallEndedEvent;
import ai.fonella.event.CallSummaryEvent;
import ai.fonella.event.CallTranscriptEvent;
import ai.fonella.event.OnFonellaEvent;
import ai.fonella.model.Call;
import ai.fonella.model.TranscriptMessage;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The event handlers: plain methods with {@code @OnFonellaEvent}, run by the {@code EventDispatcher}
 * after the signature is verified. An in-memory store here; keyed by call id, so a redelivered event
 * overwrites instead of duplicating.
 */
public final class CallLog {

    private final Map<String, Call> ended = new ConcurrentHashMap<>();
    private final Map<String, String> summaries = new ConcurrentHashMap<>();
    private final Map<String, List<TranscriptMessage>> transcripts = new ConcurrentHashMap<>();

    @OnFonellaEvent
    public void onEnded(CallEndedEvent event) {
        ended.put(event.call().id(), event.call());
    }

    @OnFonellaEvent
    public void onSummary(CallSummaryEvent event) {
        summaries.put(event.call().id(), event.summary());
    }

    @OnFonellaEvent
    public void onTranscript(CallTranscriptEvent event) {
        if (event.message() != null) {
            transcripts.computeIfAbsent(event.call().id(), id -> new CopyOnWriteArrayList<>()).add(event.message());
        }
    }

    /** @return the call as {@code call.ended} delivered it */
    public Optional<Call> endedCall(String callId) {
        return Optional.ofNullable(ended.get(callId));
    }

    /** @return the summary {@code call.summary} delivered */
    public Optional<String> summary(String callId) {
        return Optional.ofNullable(summaries.get(callId));
    }

    /** @return the utterances {@code call.transcript} delivered, in order */
    public List<TranscriptMessage> transcript(String callId) {
        return List.copyOf(transcripts.getOrDefault(callId, List.of()));
    }
}
