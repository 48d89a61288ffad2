package ai.fonella.test;

import ai.fonella.support.FonellaJson;
import ai.fonella.model.Call;
import ai.fonella.model.CallStatus;
import ai.fonella.model.EventType;
import ai.fonella.model.TranscriptMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs a {@link CallScript} against one account: stores the call while it is live and when it is
 * over, invokes tools, and publishes the events in the order a real call produces them:
 * {@code call.started}; per utterance two {@code call.speech_update}s (started, stopped) and a
 * {@code call.transcript}; per tool call a {@code call.tool_call} with the result or error; per hang a
 * {@code call.hang}; then {@code call.ended} or {@code call.failed}; then {@code call.summary}.
 */
final class CallRunner {

    /** The transcript role of tool results and errors. */
    static final String ROLE_TOOL = "tool";

    private final EmulatorState state;
    private final WebhookDispatcher dispatcher;
    private final ToolInvoker tools;

    CallRunner(EmulatorState state, WebhookDispatcher dispatcher, ToolInvoker tools) {
        this.state = state;
        this.dispatcher = dispatcher;
        this.tools = tools;
    }

    Call run(AccountState account, CallScript script) {
        return run(account, script, begin(account, script));
    }

    /** Stores the call as live, before anything happens on it, so that it can be watched from now on. */
    Call begin(AccountState account, CallScript script) {
        Call call = live(Ids.uuid(), state.now(), script, List.of());
        account.putCall(call);
        return call;
    }

    /** Runs a call stored by {@link #begin}. */
    Call run(AccountState account, CallScript script, Call begun) {
        String callId = begun.id();
        Instant startedAt = begun.startedAt();
        List<TranscriptMessage> messages = new ArrayList<>();
        List<String> toolSummaries = new ArrayList<>();
        Call call = begun;
        dispatcher.publish(account, EventType.CALL_STARTED, Events.data(call));
        for (CallScript.Step step : script.steps()) {
            if (step instanceof CallScript.Utterance utterance) {
                dispatcher.publish(account, EventType.CALL_SPEECH_UPDATE, speech(call, utterance.role(), "started"));
                dispatcher.publish(account, EventType.CALL_SPEECH_UPDATE, speech(call, utterance.role(), "stopped"));
                TranscriptMessage message = new TranscriptMessage(utterance.role(), utterance.text());
                messages.add(message);
                call = live(callId, startedAt, script, messages);
                account.putCall(call);
                ObjectNode data = Events.data(call);
                data.set("message", FonellaJson.mapper().valueToTree(message));
                dispatcher.publish(account, EventType.CALL_TRANSCRIPT, data);
            } else if (step instanceof CallScript.ToolCall toolCall) {
                String toolCallId = Ids.toolCallId();
                ObjectNode arguments = toolCall.arguments();
                RecordedToolInvocation outcome = tools.invoke(account, callId, toolCallId, toolCall.name(), arguments);
                messages.add(new TranscriptMessage(ROLE_TOOL, outcome.error() == null
                        ? toolCall.name() + ": " + outcome.result()
                        : toolCall.name() + " failed: " + outcome.error()));
                toolSummaries.add(toolCall.name() + (outcome.error() == null ? "" : " (failed)"));
                call = live(callId, startedAt, script, messages);
                account.putCall(call);
                ObjectNode data = Events.data(call);
                ObjectNode detail = data.putObject("toolCall");
                detail.put("id", toolCallId);
                detail.put("name", toolCall.name());
                detail.set("arguments", arguments);
                if (outcome.error() == null) {
                    detail.put("result", outcome.result());
                } else {
                    detail.put("error", outcome.error());
                }
                dispatcher.publish(account, EventType.CALL_TOOL_CALL, data);
            } else if (step instanceof CallScript.Hang hang) {
                ObjectNode data = Events.data(call);
                data.put("message", hang.message());
                dispatcher.publish(account, EventType.CALL_HANG, data);
            }
        }
        long seconds = script.duration().map(Duration::toSeconds).orElseGet(() -> estimateSeconds(script));
        Call over = new Call(callId, Call.TYPE_INBOUND_PHONE_CALL, script.failed() ? CallStatus.FAILED : CallStatus.ENDED,
                startedAt, startedAt.plusSeconds(seconds), (int) seconds, Durations.formatCallDuration(seconds),
                script.customerPhone(), script.calledPhoneNumber(), null, transcript(messages), messages,
                script.endedReason());
        account.putCall(over);
        ObjectNode ended = Events.data(over);
        if (script.failed()) {
            ended.put("error", script.error().orElseThrow());
            dispatcher.publish(account, EventType.CALL_FAILED, ended);
        } else {
            dispatcher.publish(account, EventType.CALL_ENDED, ended);
        }
        String summary = script.summary().orElseGet(() -> summarize(script, over, messages, toolSummaries));
        Call summarized = new Call(over.id(), over.type(), over.status(), over.startedAt(), over.endedAt(),
                over.duration(), over.durationFormatted(), over.customerPhone(), over.calledPhoneNumber(), summary,
                over.transcript(), over.transcriptMessages(), over.endedReason());
        account.putCall(summarized);
        ObjectNode data = Events.data(summarized);
        data.put("summary", summary);
        dispatcher.publish(account, EventType.CALL_SUMMARY, data);
        return summarized;
    }

    private static Call live(String callId, Instant startedAt, CallScript script, List<TranscriptMessage> messages) {
        return new Call(callId, Call.TYPE_INBOUND_PHONE_CALL, CallStatus.IN_PROGRESS, startedAt, null, null, null,
                script.customerPhone(), script.calledPhoneNumber(), null, transcript(messages), messages, null);
    }

    private static ObjectNode speech(Call call, String role, String status) {
        ObjectNode data = Events.data(call);
        data.put("role", role);
        data.put("status", status);
        return data;
    }

    /** {@code User: ...} / {@code Assistant: ...} / {@code Tool: ...} lines, or {@code null} before anything was said. */
    static String transcript(List<TranscriptMessage> messages) {
        if (messages.isEmpty()) {
            return null;
        }
        return messages.stream().map(m -> label(m.role()) + ": " + m.text()).collect(Collectors.joining("\n"));
    }

    private static String label(String role) {
        return role.isEmpty() ? role : role.substring(0, 1).toUpperCase(Locale.ROOT) + role.substring(1);
    }

    /**
     * A deterministic estimate: two seconds plus one per three words for each utterance, one second
     * per tool call, two per hang; at least one second.
     */
    static long estimateSeconds(CallScript script) {
        long seconds = 0;
        for (CallScript.Step step : script.steps()) {
            if (step instanceof CallScript.Utterance utterance) {
                seconds += 2 + utterance.text().strip().split("\\s+").length / 3;
            } else if (step instanceof CallScript.ToolCall) {
                seconds += 1;
            } else {
                seconds += 2;
            }
        }
        return Math.max(1, seconds);
    }

    /** A deterministic summary built from the script. */
    private static String summarize(CallScript script, Call call, List<TranscriptMessage> messages,
            List<String> toolSummaries) {
        StringBuilder summary = new StringBuilder("Inbound call from ").append(call.customerPhone()).append(" to ")
                .append(call.calledPhoneNumber()).append(", ").append(call.durationFormatted()).append(".");
        messages.stream().filter(m -> m.role().equals(TranscriptMessage.ROLE_USER)).findFirst()
                .ifPresent(m -> summary.append(" The caller said: \"").append(m.text()).append("\"."));
        if (!toolSummaries.isEmpty()) {
            summary.append(" Tools called: ").append(String.join(", ", toolSummaries)).append(".");
        }
        if (script.failed()) {
            summary.append(" The call failed: ").append(script.error().orElseThrow()).append(".");
        } else {
            summary.append(" Ended: ").append(script.endedReason()).append(".");
        }
        return summary.toString();
    }
}
