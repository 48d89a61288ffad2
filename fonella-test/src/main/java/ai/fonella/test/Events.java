package ai.fonella.test;

import ai.fonella.support.FonellaJson;
import ai.fonella.model.Call;
import ai.fonella.model.CallStatus;
import ai.fonella.model.EventType;
import ai.fonella.model.TranscriptMessage;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds webhook events as the wire contract describes them:
 * {@code {"id": "evt_...", "type": "...", "createdAt": "...", "data": {"call": {...}, ...}}}.
 */
final class Events {

    private Events() {
    }

    /** {@code {"call": <call>}}, to which the type's extra fields are added. */
    static ObjectNode data(Call call) {
        ObjectNode data = FonellaJson.mapper().createObjectNode();
        data.set("call", FonellaJson.mapper().valueToTree(call));
        return data;
    }

    /** A new event with a fresh id, its envelope serialized once. */
    static StoredEvent create(String accountId, EventType type, Instant createdAt, ObjectNode data) {
        String id = Ids.eventId();
        ObjectNode envelope = FonellaJson.mapper().createObjectNode();
        envelope.put("id", id);
        envelope.put("type", type.wireName());
        envelope.put("createdAt", createdAt.toString());
        envelope.set("data", data);
        return new StoredEvent(id, type, accountId, createdAt, FonellaJson.mapper().writeValueAsBytes(envelope));
    }

    /**
     * Plausible data for an event of any type, around a synthetic call that is not in the call log;
     * used for bulk deliveries.
     */
    static ObjectNode synthetic(EventType type, Instant now) {
        boolean over = type == EventType.CALL_ENDED || type == EventType.CALL_FAILED
                || type == EventType.CALL_SUMMARY;
        List<TranscriptMessage> messages = List.of(
                new TranscriptMessage(TranscriptMessage.ROLE_USER, "Hello, I have a question about my order."),
                new TranscriptMessage(TranscriptMessage.ROLE_ASSISTANT, "Of course, what is the order number?"));
        Call call = new Call(Ids.uuid(), Call.TYPE_INBOUND_PHONE_CALL,
                !over ? CallStatus.IN_PROGRESS : type == EventType.CALL_FAILED ? CallStatus.FAILED : CallStatus.ENDED,
                now.minusSeconds(12), over ? now : null, over ? 12 : null, over ? "0:12" : null,
                CallScript.DEFAULT_CUSTOMER_PHONE, CallScript.DEFAULT_CALLED_PHONE,
                type == EventType.CALL_SUMMARY ? "A caller asked about an order." : null,
                over ? "User: " + messages.get(0).text() + "\nAssistant: " + messages.get(1).text() : null,
                over ? messages : List.of(),
                !over ? null : type == EventType.CALL_FAILED ? CallScript.DEFAULT_FAILED_REASON
                        : CallScript.DEFAULT_ENDED_REASON);
        ObjectNode data = data(call);
        switch (type) {
            case CALL_SPEECH_UPDATE -> {
                data.put("role", TranscriptMessage.ROLE_USER);
                data.put("status", "started");
            }
            case CALL_TRANSCRIPT -> data.set("message", FonellaJson.mapper().valueToTree(messages.get(0)));
            case CALL_TOOL_CALL -> {
                ObjectNode toolCall = data.putObject("toolCall");
                toolCall.put("id", Ids.toolCallId());
                toolCall.put("name", "lookupOrder");
                toolCall.putObject("arguments").put("orderNumber", "4711");
                toolCall.put("result", "Order 4711 ships tomorrow.");
            }
            case CALL_HANG -> data.put("message", "One moment please.");
            case CALL_FAILED -> data.put("error", "The call could not be connected.");
            case CALL_SUMMARY -> data.put("summary", call.summary());
            default -> {
                // call.started and call.ended carry the call only.
            }
        }
        return data;
    }
}
