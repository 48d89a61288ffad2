package ai.fonella.spring.boot.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The JDBC store on H2, with the table created from the shipped script. */
class JdbcDeduplicationStoreH2IT extends JdbcStoreContract {

    private static JdbcDataSource dataSource;

    @BeforeAll
    static void createTable() {
        dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:dedup-contract;DB_CLOSE_DELAY=-1");
        JdbcDeduplicationSchema.create(dataSource, JdbcEventDeduplicationStore.DEFAULT_TABLE_NAME);
    }

    @Override
    DataSource dataSource() {
        return dataSource;
    }

    @Test
    void shipsAScriptForEachDocumentedDatabaseAndRenamesTheTableAndIndex() {
        for (String platform : List.of("postgresql", "h2", "mysql", "mariadb")) {
            String sql = JdbcDeduplicationSchema.script(platform, "ops.webhook_claims");
            assertThat(sql).as(platform).contains("CREATE TABLE IF NOT EXISTS ops.webhook_claims (")
                    .contains("webhook_claims_expires_at").contains("PRIMARY KEY (event_id, handler_id)")
                    .doesNotContain("fonella_event_claims");
        }
        assertThat(JdbcDeduplicationSchema.script("oracle", "t")).isNull();
        // a new name containing the default one: each identifier renamed once, the index never qualified
        assertThat(JdbcDeduplicationSchema.script("postgresql", "ops.fonella_event_claims"))
                .contains("CREATE TABLE IF NOT EXISTS ops.fonella_event_claims (")
                .contains("CREATE INDEX IF NOT EXISTS fonella_event_claims_expires_at ON ops.fonella_event_claims ");
        assertThat(JdbcDeduplicationSchema.script("h2", "fonella_event_claims_v2"))
                .contains("CREATE INDEX IF NOT EXISTS fonella_event_claims_v2_expires_at ON fonella_event_claims_v2 ")
                .doesNotContain("_v2_v2");
    }

    @Test
    void refusesATableNameThatIsNotAPlainIdentifier() {
        assertThatThrownBy(() -> new JdbcEventDeduplicationStore(dataSource, "claims; DROP TABLE orders",
                Duration.ofDays(1), Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fonella.webhooks.deduplication.jdbc.table-name");
    }
}
