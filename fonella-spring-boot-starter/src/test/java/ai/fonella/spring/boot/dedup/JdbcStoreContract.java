package ai.fonella.spring.boot.dedup;

import ai.fonella.event.EventDeduplicationStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;

/** The store contract for {@link JdbcEventDeduplicationStore}, on the database a subclass starts. */
abstract class JdbcStoreContract extends DeduplicationStoreContract {

    private final List<JdbcEventDeduplicationStore> stores = new ArrayList<>();

    /** The database, with the default table created. */
    abstract DataSource dataSource();

    @AfterEach
    void closeStores() {
        stores.forEach(JdbcEventDeduplicationStore::close);
    }

    @Override
    EventDeduplicationStore store(Duration retention) {
        JdbcEventDeduplicationStore store = new JdbcEventDeduplicationStore(dataSource(),
                JdbcEventDeduplicationStore.DEFAULT_TABLE_NAME, retention, Clock.systemUTC());
        stores.add(store);
        return store;
    }
}
