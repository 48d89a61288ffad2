package ai.fonella.samples.orderdesk.callbacks;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;

/**
 * A callback the assistant booked, as stored in the {@code callbacks} table.
 *
 * @param id generated key
 * @param callId the Fonella call during which it was booked, or {@code null}
 * @param phoneNumber the number to call, E.164
 * @param date the day
 * @param time the time of day, shop time
 * @param topic what it is about, or {@code null}
 * @param bookedAt when it was booked
 */
public record Callback(long id, String callId, String phoneNumber, LocalDate date, LocalTime time, String topic,
        Instant bookedAt) {
}
