package ai.fonella.samples.orderdesk.calls;

import ai.fonella.model.Call;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Stores calls, one row per call id. Each event writes only the columns it owns, as an idempotent
 * upsert, so a redelivered event, events arriving out of order, or on several instances at once,
 * leave the same row behind. Plain SQL that H2 and PostgreSQL both run.
 */
@Repository
public class CallRepository {

    private final JdbcClient jdbc;

    public CallRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a {@code call.ended}: the call's details and transcript. */
    public void recordEnded(Call call) {
        Map<String, Object> params = new HashMap<>();
        params.put("callId", call.id());
        params.put("customerPhone", call.customerPhone());
        params.put("startedAt", timestamp(call.startedAt()));
        params.put("endedAt", timestamp(call.endedAt()));
        params.put("duration", call.duration());
        params.put("endedReason", call.endedReason());
        params.put("transcript", call.transcript());
        upsert(params, """
                UPDATE calls SET customer_phone = :customerPhone, started_at = :startedAt, ended_at = :endedAt,
                                 duration_seconds = :duration, ended_reason = :endedReason, transcript = :transcript,
                                 updated_at = :now
                WHERE call_id = :callId""", """
                INSERT INTO calls (call_id, customer_phone, started_at, ended_at, duration_seconds, ended_reason,
                                   transcript, updated_at)
                VALUES (:callId, :customerPhone, :startedAt, :endedAt, :duration, :endedReason, :transcript, :now)""");
    }

    /** Records a {@code call.summary}. */
    public void recordSummary(String callId, String summary) {
        Map<String, Object> params = new HashMap<>();
        params.put("callId", callId);
        params.put("summary", summary);
        upsert(params,
                "UPDATE calls SET summary = :summary, updated_at = :now WHERE call_id = :callId",
                "INSERT INTO calls (call_id, summary, updated_at) VALUES (:callId, :summary, :now)");
    }

    /** @return the stored calls, the latest first */
    public List<CallRecord> findAll() {
        return jdbc.sql("SELECT * FROM calls ORDER BY updated_at DESC, call_id").query(CallRepository::row).list();
    }

    /** @return the stored call with this id */
    public Optional<CallRecord> find(String callId) {
        return jdbc.sql("SELECT * FROM calls WHERE call_id = :callId").param("callId", callId)
                .query(CallRepository::row).optional();
    }

    /**
     * Update the row, or insert it when there is none yet. When two deliveries race to insert the
     * same call, the loser meets the primary key and updates instead. Deliberately not in one
     * transaction: on PostgreSQL a failed insert would abort it, and the update after it with it.
     */
    private void upsert(Map<String, Object> params, String update, String insert) {
        params.put("now", timestamp(Instant.now()));
        if (jdbc.sql(update).params(params).update() > 0) {
            return;
        }
        try {
            jdbc.sql(insert).params(params).update();
        } catch (DuplicateKeyException insertedMeanwhile) {
            jdbc.sql(update).params(params).update();
        }
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static CallRecord row(ResultSet rs, int row) throws SQLException {
        return new CallRecord(rs.getString("call_id"), rs.getString("customer_phone"), instant(rs, "started_at"),
                instant(rs, "ended_at"), rs.getObject("duration_seconds", Integer.class), rs.getString("ended_reason"),
                rs.getString("transcript"), rs.getString("summary"), instant(rs, "updated_at"));
    }
}
