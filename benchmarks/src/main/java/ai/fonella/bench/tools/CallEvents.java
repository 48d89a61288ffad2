package ai.fonella.bench.tools;

import ai.fonella.event.CallEndedEvent;
import ai.fonella.event.OnFonellaEvent;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.LongAdder;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The webhook side of the benchmarks: a {@code call.ended} body with a 200-message transcript, and
 * the one handler it is dispatched to (it counts, and reads what a real handler would).
 */
public class CallEvents {

    /** Messages in the transcript of the benchmark event. */
    public static final int TRANSCRIPT_MESSAGES = 200;

    private final LongAdder handled = new LongAdder();
    private final LongAdder transcriptMessages = new LongAdder();
    /** CPU time the handler spends on top, in nanoseconds: a stand-in for a real handler's own work. */
    private final long workNanos;

    /** A handler that does nothing but count. */
    public CallEvents() {
        this(0);
    }

    /**
     * A handler that also spends this much of its thread's CPU time, as a real handler would on its
     * own work (mapping the transcript, writing it to a database): {@code store-load.sh} with
     * {@code APP_ARGS=--bench.handler-cpu-micros=N}.
     *
     * @param workMicros the CPU time per event, in microseconds
     */
    public CallEvents(long workMicros) {
        this.workNanos = workMicros * 1000;
    }

    /**
     * The handler.
     *
     * @param event the event
     */
    @OnFonellaEvent
    public void onCallEnded(CallEndedEvent event) {
        handled.increment();
        transcriptMessages.add(event.call().transcriptMessages().size());
        work();
    }

    /**
     * The same work, for hand-written baselines that do not parse into the SDK's event classes.
     *
     * @param callId the call id
     * @param messages the number of transcript messages
     */
    public void onCallEnded(String callId, int messages) {
        handled.increment();
        transcriptMessages.add(messages);
        work();
    }

    /** @return events handled */
    public long handled() {
        return handled.sum();
    }

    /**
     * A {@code call.ended} delivery body, as the emulator and the wire contract shape it.
     *
     * @param eventId the event id
     * @param messages transcript messages
     * @return UTF-8 JSON
     */
    public static byte[] callEndedBody(String eventId, int messages) {
        JsonMapper mapper = JsonMapper.builder().build();
        ObjectNode root = mapper.createObjectNode();
        root.put("id", eventId);
        root.put("type", "call.ended");
        root.put("createdAt", "2026-03-01T10:15:30Z");
        ObjectNode call = root.putObject("data").putObject("call");
        call.put("id", "call_" + eventId);
        call.put("type", "inboundPhoneCall");
        call.put("status", "ended");
        call.put("startedAt", "2026-03-01T10:05:30Z");
        call.put("endedAt", "2026-03-01T10:15:29Z");
        call.put("duration", 599);
        call.put("durationFormatted", "9m 59s");
        call.put("customerPhone", "+4915112345678");
        call.put("calledPhoneNumber", "+4930123456789");
        call.put("summary", "The caller booked a table for three on the terrace on Friday at 7 pm.");
        StringBuilder transcript = new StringBuilder();
        ArrayNode list = call.putArray("transcriptMessages");
        for (int i = 0; i < messages; i++) {
            String role = i % 2 == 0 ? "assistant" : "user";
            String text = i % 2 == 0
                    ? "Certainly, let me check that for you. We have a table at " + (17 + i % 5) + " o'clock, message " + i + "."
                    : "Yes please, that would be lovely, we are three people including a small child, message " + i + ".";
            ObjectNode message = list.addObject();
            message.put("role", role);
            message.put("text", text);
            transcript.append(role).append(": ").append(text).append('\n');
        }
        call.put("transcript", transcript.toString());
        call.put("endedReason", "customer-ended-call");
        return mapper.writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
    }

    /** Spends the configured CPU time of this thread. */
    private void work() {
        if (workNanos > 0) {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long until = threads.getCurrentThreadCpuTime() + workNanos;
            while (threads.getCurrentThreadCpuTime() < until) {
                Thread.onSpinWait();
            }
        }
    }
}
