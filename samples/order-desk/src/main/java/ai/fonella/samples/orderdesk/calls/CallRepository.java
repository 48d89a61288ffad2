package ai.fonella.samples.orderdesk.calls;

import ai.fonella.model.Call;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Stores calls, one row per call id. Every write is an idempotent upsert of the columns one event
 * owns, so a redelivered event, or events arriving out of order or on several instances at once,
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
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("customer_phone", call.customerPhone());
        columns.put("started_at", timestamp(call.startedAt()));
        columns.put("ended_at", timestamp(call.endedAt()));
        columns.put("duration_seconds", call.duration());
        columns.put("ended_reason", call.endedReason());
        columns.put("transcript", call.transcript());
        upsert(call.id(), columns);
    }

    /** Records a {@code call.summary}. */
    public void recordSummary(String callId, String summary) {
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("summary", summary);
        upsert(callId, columns);
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
     * Update the row, or insert it when there is none yet. Two deliveries racing to insert the same
     * call meet the primary key: the loser updates instead. Runs without a surrounding transaction
     * on purpose, so that a failed insert does not poison the update that follows (PostgreSQL).
     */
    private void upsert(String callId, Map<String, Object> columns) {
        columns.put("updated_at", timestamp(Instant.now()));
        StringBuilder set = new StringBuilder();
        columns.keySet().forEach(column -> set.append(set.isEmpty() ? "" : ", ").append(column).append(" = :")
                .append(column));
        String update = "UPDATE calls SET " + set + " WHERE call_id = :call_id";
        String insert = "INSERT INTO calls (call_id, " + String.join(", ", columns.keySet()) + ") VALUES (:call_id, :"
                + String.join(", :", columns.keySet()) + ")";
        Map<String, Object> params = new LinkedHashMap<>(columns);
        params.put("call_id", callId);
        if (jdbc.sql(update).params(params).update() > 0) {
            return;
        }
        try {
            jdbc.sql(insert).params(params).update();
        } catch (DuplicateKeyException inserted) {
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
