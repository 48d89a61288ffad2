package ai.fonella.samples.orderdesk.calls;

import java.time.Instant;

/**
 * One phone call as this app stored it from its webhook events, a row of the {@code calls} table.
 * {@code call.ended} fills the call's details, {@code call.summary} the summary; whichever comes
 * first creates the row.
 *
 * @param callId the Fonella call id
 * @param customerPhone who called, E.164
 * @param startedAt when the call started
 * @param endedAt when it ended
 * @param durationSeconds how long it took
 * @param endedReason why it ended, e.g. {@code customer-ended}
 * @param transcript the transcript as text
 * @param summary the AI summary, once {@code call.summary} arrived
 * @param updatedAt when the row last changed
 */
public record CallRecord(String callId, String customerPhone, Instant startedAt, Instant endedAt,
        Integer durationSeconds, String endedReason, String transcript, String summary, Instant updatedAt) {
}
