package ai.fonella.samples.orderdesk.calls;

import ai.fonella.samples.orderdesk.callbacks.Callback;
import ai.fonella.samples.orderdesk.callbacks.CallbackRepository;
import java.time.Instant;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Read-only JSON view of what the app stored: {@code GET /calls}, {@code GET /calls/{callId}} and
 * {@code GET /callbacks}. {@code static/index.html} shows the same as a page. Put it behind your
 * own authentication before it goes anywhere near the internet.
 */
@RestController
public class CallsController {

    private final CallRepository calls;
    private final CallbackRepository callbacks;

    public CallsController(CallRepository calls, CallbackRepository callbacks) {
        this.calls = calls;
        this.callbacks = callbacks;
    }

    @GetMapping("/calls")
    public List<CallView> calls() {
        return calls.findAll().stream().map(this::view).toList();
    }

    @GetMapping("/calls/{callId}")
    public ResponseEntity<CallView> call(@PathVariable String callId) {
        return ResponseEntity.of(calls.find(callId).map(this::view));
    }

    @GetMapping("/callbacks")
    public List<Callback> callbacks() {
        return callbacks.findAll();
    }

    private CallView view(CallRecord call) {
        return new CallView(call.callId(), call.customerPhone(), call.startedAt(), call.endedAt(),
                call.durationSeconds(), call.endedReason(), call.summary(), call.transcript(),
                callbacks.findByCallId(call.callId()));
    }

    /**
     * A stored call with the callbacks booked during it.
     *
     * @param callId the Fonella call id
     * @param customerPhone who called
     * @param startedAt when the call started
     * @param endedAt when it ended
     * @param durationSeconds how long it took
     * @param endedReason why it ended
     * @param summary the AI summary
     * @param transcript the transcript as text
     * @param callbacks callbacks booked during the call
     */
    public record CallView(String callId, String customerPhone, Instant startedAt, Instant endedAt,
            Integer durationSeconds, String endedReason, String summary, String transcript, List<Callback> callbacks) {
    }
}
