package ai.fonella.spring.boot.it.app;

import ai.fonella.event.CallEndedEvent;
import ai.fonella.event.CallSummaryEvent;
import ai.fonella.event.OnFonellaEvent;
import ai.fonella.model.Call;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.stereotype.Component;

/** Records the events it receives. */
@Component
public class CallEvents {

    public final List<CallEndedEvent> ended = new CopyOnWriteArrayList<>();
    public final List<String> summaries = new CopyOnWriteArrayList<>();
    public final List<Call> transcriptCalls = new CopyOnWriteArrayList<>();

    @OnFonellaEvent
    public void onEnded(CallEndedEvent event) {
        ended.add(event);
    }

    @OnFonellaEvent
    public void onSummary(CallSummaryEvent event) {
        summaries.add(event.summary());
    }

    @OnFonellaEvent(OnFonellaEvent.CALL_TRANSCRIPT)
    public void onTranscript(Call call) {
        transcriptCalls.add(call);
    }
}
