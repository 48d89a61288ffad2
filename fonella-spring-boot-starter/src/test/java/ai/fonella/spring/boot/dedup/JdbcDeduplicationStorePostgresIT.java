package ai.fonella.spring.boot.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import ai.fonella.event.EventDeduplicationStore.Key;
import ai.fonella.event.EventDeduplicationStore.State;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
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

    private static long rows(Key key) {
        return JdbcClient.create(dataSource).sql("SELECT COUNT(*) FROM fonella_event_claims WHERE event_id = ?")
                .param(key.eventId()).query(Long.class).single();
    }
}
