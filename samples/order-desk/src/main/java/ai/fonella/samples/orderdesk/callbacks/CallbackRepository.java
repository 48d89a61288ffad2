package ai.fonella.samples.orderdesk.callbacks;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stores booked callbacks. */
@Repository
public class CallbackRepository {

    private static final RowMapper<Callback> ROW = (rs, row) -> new Callback(rs.getLong("id"),
            rs.getString("call_id"), rs.getString("phone_number"), rs.getObject("callback_date", LocalDate.class),
            rs.getObject("callback_time", LocalTime.class), rs.getString("topic"),
            rs.getObject("booked_at", OffsetDateTime.class).toInstant());

    private final JdbcClient jdbc;

    public CallbackRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Books a callback once per tool call: the same {@code toolCallId} again (a retried request)
     * books nothing new.
     *
     * @return whether a new callback was stored
     */
    public boolean book(String toolCallId, String callId, String phoneNumber, LocalDate date, LocalTime time,
            String topic) {
        try {
            return jdbc.sql("""
                    INSERT INTO callbacks (tool_call_id, call_id, phone_number, callback_date, callback_time, topic,
                                           booked_at)
                    VALUES (:toolCallId, :callId, :phone, :date, :time, :topic, :bookedAt)""")
                    .param("toolCallId", toolCallId)
                    .param("callId", callId)
                    .param("phone", phoneNumber)
                    .param("date", date)
                    .param("time", time)
                    .param("topic", topic)
                    .param("bookedAt", OffsetDateTime.ofInstant(Instant.now(), ZoneOffset.UTC))
                    .update() == 1;
        } catch (DuplicateKeyException alreadyBooked) {
            return false;
        }
    }

    /** @return every callback, the next one first */
    public List<Callback> findAll() {
        return jdbc.sql("SELECT * FROM callbacks ORDER BY callback_date, callback_time, id").query(ROW).list();
    }

    /** @return the callbacks booked during one call */
    public List<Callback> findByCallId(String callId) {
        return jdbc.sql("SELECT * FROM callbacks WHERE call_id = :callId ORDER BY id")
                .param("callId", callId).query(ROW).list();
    }
}
