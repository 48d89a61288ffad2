package ai.fonella.spring.boot.dedup;

import ai.fonella.event.BatchingEventDeduplicationStore;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An {@link ai.fonella.event.EventDeduplicationStore} shared by every instance of an app through a table in its own
 * database: one row per (event id, handler id) under a primary key, so that of several instances
 * claiming at once exactly one inserts it. Portable SQL only (no vendor locks, no upserts); the
 * table comes from the script for the database in this package ({@code schema-postgresql.sql},
 * {@code schema-h2.sql}, {@code schema-mysql.sql}, {@code schema-mariadb.sql}).
 *
 * <ul>
 * <li>A claim is a row with {@code completed = 0} that expires after the lease; a later claim takes
 *     an expired row over with a conditional {@code UPDATE}, so exactly one instance does.</li>
 * <li>A completion sets {@code completed = 1} and the retention as the new expiry.</li>
 * <li>A release deletes the claim, only if this store (this instance) still owns it.</li>
 * <li>Expired rows are deleted at most once a minute, on a daemon thread, triggered by claims: no
 *     scheduler to configure.</li>
 * </ul>
 *
 * <p>The completions and claims of concurrent deliveries go to the database together
 * ({@link BatchingEventDeduplicationStore}): one transaction with a batch of {@code UPDATE}s for the
 * completions and a batch of {@code INSERT}s for the claims, so one commit for all of them, keys
 * in one order. When one of the keys is already in the table (a redelivery), or two instances'
 * batches lock each other's rows and the database breaks the deadlock, that transaction is rolled
 * back, and each completion and each claim is written as above, one by one.
 *
 * <p>Times are this instance's clock in epoch milliseconds, so replicas must keep their clocks in
 * step (NTP); a skew lengthens or shortens leases by as much. The single-key methods run each
 * statement in its own transaction (or the caller's, when one is active), a batch in a new
 * transaction of its own; every method throws Spring's {@link DataAccessException} when the
 * database cannot be reached.
 */
public final class JdbcEventDeduplicationStore implements BatchingEventDeduplicationStore, AutoCloseable {

    /** The table's default name, as in the shipped scripts. */
    public static final String DEFAULT_TABLE_NAME = "fonella_event_claims";

    /** How often, at most, expired rows are deleted. */
    public static final Duration PURGE_INTERVAL = Duration.ofMinutes(1);

    private static final Logger log = LoggerFactory.getLogger(JdbcEventDeduplicationStore.class);
    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");
    private static final int CLAIM_ATTEMPTS = 3;
    private static final Comparator<Key> KEY_ORDER = Comparator.comparing(Key::eventId).thenComparing(Key::handlerId);

    private final JdbcTemplate template;
    private final JdbcClient jdbc;
    /** A batch's own transaction: never the one the thread that happens to send the batch may have. */
    private final TransactionTemplate batchTransaction;
    /** For a batch's keys one by one: each statement commits by itself, whatever the sender's thread has open. */
    private final TransactionTemplate outsideTransactions;
    private final String table;
    private final long retentionMillis;
    private final Clock clock;
    private final String owner = UUID.randomUUID().toString();
    private final AtomicLong nextPurge;
    private final ExecutorService purger;

    private final String insert;
    private final String takeOver;
    private final String select;
    private final String complete;
    private final String release;
    private final String purge;

    /**
     * A store on a table that exists.
     *
     * @param dataSource the app's data source
     * @param tableName the table, optionally schema-qualified
     * @param retention how long a completion is remembered
     * @param clock the clock of leases and retention
     */
    public JdbcEventDeduplicationStore(DataSource dataSource, String tableName, Duration retention, Clock clock) {
        this.template = new JdbcTemplate(Objects.requireNonNull(dataSource, "dataSource"));
        this.jdbc = JdbcClient.create(template);
        this.batchTransaction = new TransactionTemplate(new JdbcTransactionManager(dataSource));
        batchTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.outsideTransactions = new TransactionTemplate(batchTransaction.getTransactionManager());
        outsideTransactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
        this.table = requireTableName(tableName);
        if (retention == null || retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention must be positive, e.g. P7D");
        }
        this.retentionMillis = retention.toMillis();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.nextPurge = new AtomicLong(clock.millis());
        this.purger = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "fonella-dedup-purge");
            thread.setDaemon(true);
            return thread;
        });
        this.insert = "INSERT INTO " + table + " (event_id, handler_id, owner_id, completed, expires_at) "
                + "VALUES (?, ?, ?, ?, ?)";
        this.takeOver = "UPDATE " + table + " SET owner_id = ?, completed = 0, expires_at = ? "
                + "WHERE event_id = ? AND handler_id = ? AND expires_at <= ?";
        this.select = "SELECT completed, expires_at FROM " + table + " WHERE event_id = ? AND handler_id = ?";
        this.complete = "UPDATE " + table + " SET completed = 1, expires_at = ? WHERE event_id = ? AND handler_id = ?";
        this.release = "DELETE FROM " + table + " WHERE event_id = ? AND handler_id = ? AND completed = 0 "
                + "AND owner_id = ?";
        this.purge = "DELETE FROM " + table + " WHERE expires_at < ?";
    }

    /**
     * Checks a table name before it goes into SQL.
     *
     * @param tableName the name
     * @return the name
     * @throws IllegalArgumentException naming the rule when it is not a plain, optionally
     *     schema-qualified identifier
     */
    public static String requireTableName(String tableName) {
        if (tableName == null || !TABLE_NAME.matcher(tableName).matches()) {
            throw new IllegalArgumentException("fonella.webhooks.deduplication.jdbc.table-name must be a table name of "
                    + "letters, digits and underscores, optionally schema-qualified (schema.table), but was '"
                    + tableName + "'");
        }
        return tableName;
    }

    @Override
    public Claim tryClaim(Key key, Duration lease) {
        long now = clock.millis();
        long expiresAt = now + Math.max(1, lease.toMillis());
        purgeIfDue(now);
        for (int attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
            try {
                jdbc.sql(insert).params(key.eventId(), key.handlerId(), owner, 0, expiresAt).update();
                return Claim.ACQUIRED;
            } catch (DuplicateKeyException taken) {
                // held, completed, or expired: take an expired row over, atomically
            }
            if (jdbc.sql(takeOver).params(owner, expiresAt, key.eventId(), key.handlerId(), now).update() == 1) {
                log.info("Fonella deduplication: took over the expired claim of handler {} for event {}",
                        key.handlerId(), key.eventId());
                return Claim.ACQUIRED;
            }
            Row row = row(key);
            if (row != null) {
                return row.completed ? Claim.ALREADY_COMPLETED : Claim.HELD_ELSEWHERE;
            }
            // released between our statements: claim again
        }
        return Claim.HELD_ELSEWHERE;
    }

    @Override
    public void complete(Key key) {
        long expiresAt = clock.millis() + retentionMillis;
        if (jdbc.sql(complete).params(expiresAt, key.eventId(), key.handlerId()).update() == 0) {
            try {
                jdbc.sql(insert).params(key.eventId(), key.handlerId(), owner, 1, expiresAt).update();
            } catch (DuplicateKeyException raced) {
                jdbc.sql(complete).params(expiresAt, key.eventId(), key.handlerId()).update();
            }
        }
    }

    @Override
    public List<Claim> completeAndClaim(List<Key> completions, List<Key> claims, Duration lease) {
        long now = clock.millis();
        long claimExpiresAt = now + Math.max(1, lease.toMillis());
        long completedExpiresAt = now + retentionMillis;
        if (!claims.isEmpty()) {
            purgeIfDue(now);
        }
        try {
            batchTransaction.executeWithoutResult(status -> {
                completeRows(completions, completedExpiresAt);
                if (!claims.isEmpty()) {
                    template.batchUpdate(insert, inKeyOrder(claims).stream()
                            .map(key -> new Object[] {key.eventId(), key.handlerId(), owner, 0, claimExpiresAt})
                            .toList());
                }
            });
            return Collections.nCopies(claims.size(), Claim.ACQUIRED);
        } catch (DataIntegrityViolationException | PessimisticLockingFailureException conflict) {
            // a key is held, completed or expired, or another instance's batch locked one of these rows
            // first (a deadlock the database broke): each key by itself, outside any transaction of the
            // thread that sends the batch, completions first
            return outsideTransactions.execute(status -> {
                completions.forEach(this::complete);
                List<Claim> answers = new ArrayList<>(claims.size());
                for (Key key : claims) {
                    answers.add(tryClaim(key, lease));
                }
                return answers;
            });
        }
    }

    /**
     * Batch-updates completions in the batch's transaction. A row that is gone (purged after its
     * lease) is inserted as completed; a count the driver does not know
     * ({@link Statement#SUCCESS_NO_INFO}, as some MariaDB and MySQL batches answer) is learned by
     * updating that row again alone.
     */
    private void completeRows(List<Key> completions, long expiresAt) {
        if (completions.isEmpty()) {
            return;
        }
        List<Key> ordered = inKeyOrder(completions);
        int[] counts = template.batchUpdate(complete, ordered.stream()
                .map(key -> new Object[] {expiresAt, key.eventId(), key.handlerId()})
                .toList());
        for (int i = 0; i < counts.length; i++) {
            Key key = ordered.get(i);
            int count = counts[i] != Statement.SUCCESS_NO_INFO ? counts[i]
                    : jdbc.sql(complete).params(expiresAt, key.eventId(), key.handlerId()).update();
            if (count == 0) {
                jdbc.sql(insert).params(key.eventId(), key.handlerId(), owner, 1, expiresAt).update();
            }
        }
    }

    /**
     * The keys sorted, so that two instances writing overlapping batches lock rows in one order and
     * one waits for the other instead of both deadlocking.
     */
    private static List<Key> inKeyOrder(List<Key> keys) {
        return keys.stream().sorted(KEY_ORDER).toList();
    }

    @Override
    public void release(Key key) {
        jdbc.sql(release).params(key.eventId(), key.handlerId(), owner).update();
    }

    @Override
    public State state(Key key) {
        Row row = row(key);
        if (row == null || row.expiresAt <= clock.millis()) {
            return State.ABSENT;
        }
        return row.completed ? State.COMPLETED : State.IN_PROGRESS;
    }

    /**
     * Reads the table once, so that a missing table or an unreachable database shows.
     */
    @Override
    public void ping() {
        row(new Key("", ""));
    }

    /**
     * Deletes every row whose lease or retention has ended. Runs by itself at most once per
     * {@link #PURGE_INTERVAL}; callable directly, for example from a maintenance job.
     *
     * @return how many rows were deleted
     */
    public int purgeExpired() {
        return jdbc.sql(purge).param(clock.millis()).update();
    }

    /**
     * Stops the purge thread.
     */
    @Override
    public void close() {
        purger.shutdownNow();
    }

    @Override
    public String toString() {
        return "jdbc (table " + table + ")";
    }

    private Row row(Key key) {
        List<Row> rows = jdbc.sql(select).params(key.eventId(), key.handlerId())
                .query((rs, n) -> new Row(rs.getInt(1) == 1, rs.getLong(2))).list();
        return rows.isEmpty() ? null : rows.get(0);
    }

    private void purgeIfDue(long now) {
        long due = nextPurge.get();
        if (now < due || !nextPurge.compareAndSet(due, now + PURGE_INTERVAL.toMillis())) {
            return;
        }
        try {
            purger.execute(() -> {
                try {
                    int removed = purgeExpired();
                    log.debug("Fonella deduplication: removed {} expired row(s) from {}", removed, table);
                } catch (DataAccessException e) {
                    log.warn("Fonella deduplication: could not remove expired rows from {}: {}", table, e.toString());
                }
            });
        } catch (RejectedExecutionException closed) {
            // closing: the next start purges
        }
    }

    private record Row(boolean completed, long expiresAt) {
    }
}
