package ai.fonella.spring.boot.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import ai.fonella.event.EventDeduplicationStore.Key;
import ai.fonella.event.EventDeduplicationStore.State;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The JDBC store on a real PostgreSQL, with the table created from the shipped script. */
class JdbcDeduplicationStorePostgresIT extends JdbcStoreContract {

    private static EmbeddedPostgres postgres;
    private static DataSource dataSource;

    @BeforeAll
    static void startPostgres() {
        postgres = Engines.postgres();
        dataSource = postgres.getPostgresDatabase();
        JdbcDeduplicationSchema.create(dataSource, JdbcEventDeduplicationStore.DEFAULT_TABLE_NAME);
        JdbcDeduplicationSchema.create(dataSource, JdbcEventDeduplicationStore.DEFAULT_TABLE_NAME); // idempotent
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    @Override
    DataSource dataSource() {
        return dataSource;
    }

    @Test
    void learnsThePlatformFromTheConnection() {
        assertThat(JdbcDeduplicationSchema.platform(dataSource)).isEqualTo("postgresql");
    }

    @Test
    void purgesExpiredClaimsAndCompletionsButKeepsLiveOnes() throws Exception {
        JdbcEventDeduplicationStore store = (JdbcEventDeduplicationStore) store(SHORT);
        Key expiredClaim = key();
        Key expiredCompletion = key();
        Key live = key();
        store.tryClaim(expiredClaim, SHORT);
        store.tryClaim(expiredCompletion, LEASE);
        store.complete(expiredCompletion);
        Thread.sleep(SHORT.toMillis() + 100);
        store.tryClaim(live, LEASE);

        int removed = store.purgeExpired();

        assertThat(removed).isGreaterThanOrEqualTo(2);
        assertThat(rows(expiredClaim)).isZero();
        assertThat(rows(expiredCompletion)).isZero();
        assertThat(store.state(live)).isEqualTo(State.IN_PROGRESS);
    }

    @Test
    void createsATableUnderAnotherNameInAnotherSchema() {
        JdbcClient.create(dataSource).sql("CREATE SCHEMA IF NOT EXISTS ops").update();
        // the second keeps the default name in another schema: its index name must not be qualified
        for (String table : List.of("ops.webhook_claims", "ops." + JdbcEventDeduplicationStore.DEFAULT_TABLE_NAME)) {
            JdbcDeduplicationSchema.create(dataSource, table);
            try (JdbcEventDeduplicationStore store = new JdbcEventDeduplicationStore(dataSource, table,
                    Duration.ofDays(1), Clock.systemUTC())) {
                Key key = key();
                store.tryClaim(key, LEASE);
                store.complete(key);
                assertThat(JdbcClient.create(dataSource).sql("SELECT COUNT(*) FROM " + table + " WHERE event_id = ?")
                        .param(key.eventId()).query(Long.class).single()).as(table).isEqualTo(1L);
            }
            String bare = table.substring("ops.".length());
            assertThat(JdbcClient.create(dataSource).sql("SELECT COUNT(*) FROM pg_indexes WHERE schemaname = 'ops' "
                    + "AND tablename = ? AND indexname = ?").params(bare, bare + "_expires_at").query(Long.class)
                    .single()).as(table).isEqualTo(1L);
        }
    }

    /**
     * Replicas started together each run the script with {@code initialize-schema=always}. On
     * PostgreSQL, {@code CREATE TABLE IF NOT EXISTS} is not safe against a concurrent one: the loser
     * can fail on the catalog's unique index instead of seeing the table. Every replica must start.
     */
    @Test
    void createsTheTableWhenReplicasRunTheScriptAtOnce() throws Exception {
        int replicas = 4;
        ExecutorService threads = Executors.newFixedThreadPool(replicas);
        try {
            for (int round = 0; round < 10; round++) {
                String table = "replicas_" + round;
                CyclicBarrier together = new CyclicBarrier(replicas);
                List<Future<?>> starts = new ArrayList<>();
                for (int i = 0; i < replicas; i++) {
                    starts.add(threads.submit(() -> {
                        together.await();
                        JdbcDeduplicationSchema.create(dataSource, table);
                        return null;
                    }));
                }
                for (Future<?> start : starts) {
                    start.get(30, TimeUnit.SECONDS); // throws what a replica's script threw
                }
                assertThat(JdbcClient.create(dataSource).sql("SELECT COUNT(*) FROM pg_indexes WHERE tablename = ?")
                        .param(table).query(Long.class).single()).as(table + ": the key's index and expires_at's")
                        .isEqualTo(2L);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private static long rows(Key key) {
        return JdbcClient.create(dataSource).sql("SELECT COUNT(*) FROM fonella_event_claims WHERE event_id = ?")
                .param(key.eventId()).query(Long.class).single();
    }
}
