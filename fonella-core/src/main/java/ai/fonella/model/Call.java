package ai.fonella.model;

import ai.fonella.internal.Copies;
import java.time.Instant;
import java.util.List;

/**
 * A phone call from the call log, with transcript and summary once it is over.
 *
 * @param id unique identifier, also the pagination cursor for {@code startAfter}
 * @param type kind of call, e.g. {@code inboundPhoneCall}
 * @param status call status
 * @param startedAt when the call started
 * @param endedAt when the call ended, or {@code null} while live
 * @param duration length in seconds, or {@code null} while live
 * @param durationFormatted length as {@code m:ss}, e.g. {@code 2:15}
 * @param customerPhone the caller's number in E.164
 * @param calledPhoneNumber the number that was called, in E.164
 * @param summary AI summary of the call, when available
 * @param transcript the full transcript as text, when available
 * @param transcriptMessages the transcript as messages
 * @param endedReason why the call ended, e.g. {@code customer-ended}
 */
public record Call(
        String id,
        String type,
        CallStatus status,
        Instant startedAt,
        Instant endedAt,
        Integer duration,
        String durationFormatted,
        String customerPhone,
        String calledPhoneNumber,
        String summary,
        String transcript,
        List<TranscriptMessage> transcriptMessages,
        String endedReason) {

    /** The call type of inbound phone calls. */
    public static final String TYPE_INBOUND_PHONE_CALL = "inboundPhoneCall";

    /** Normalizes {@code transcriptMessages} to an unmodifiable list. */
    public Call {
        transcriptMessages = Copies.list(transcriptMessages);
    }
}
