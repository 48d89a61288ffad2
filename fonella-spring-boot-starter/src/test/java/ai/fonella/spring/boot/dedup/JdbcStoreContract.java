package ai.fonella.spring.boot.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import ai.fonella.event.BatchingEventDeduplicationStore;
import ai.fonella.event.EventDeduplicationStore;
import ai.fonella.event.EventDeduplicationStore.Claim;
import ai.fonella.event.EventDeduplicationStore.Key;
import ai.fonella.event.EventDeduplicationStore.State;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

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

    @Test
    void writesABatchOutsideTheTransactionOfTheThreadThatSendsItEvenWhenAKeyIsTaken() {
        JdbcEventDeduplicationStore mine = (JdbcEventDeduplicationStore) store();
        EventDeduplicationStore other = store();
        Key done = key();
        Key taken = key();
        Key fresh = key();
        mine.tryClaim(done, LEASE);
        other.tryClaim(taken, LEASE);
        TransactionTemplate senders = new TransactionTemplate(new JdbcTransactionManager(dataSource()));

        List<Claim> answers = senders.execute(status -> {
            status.setRollbackOnly(); // the sender's own work rolls back
            return mine.completeAndClaim(List.of(done), List.of(taken, fresh), LEASE);
        });

        assertThat(answers).containsExactly(Claim.HELD_ELSEWHERE, Claim.ACQUIRED);
        assertThat(other.state(done)).isEqualTo(State.COMPLETED);
        assertThat(other.tryClaim(fresh, LEASE)).isEqualTo(Claim.HELD_ELSEWHERE);
    }

    @Test
    void completesAllWhenTwoInstancesEachCompleteKeysTheOtherClaimsInOneBatch() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 3; round++) {
                BatchingEventDeduplicationStore a = batching();
                BatchingEventDeduplicationStore b = batching();
                List<Key> ofA = new ArrayList<>();
                List<Key> ofB = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    ofA.add(key());
                    ofB.add(key());
                }
                ofA.forEach(key -> a.tryClaim(key, LEASE));
                ofB.forEach(key -> b.tryClaim(key, LEASE));
                CountDownLatch start = new CountDownLatch(1);
                // each holds its completions' row locks while it inserts rows the other is completing:
                // on PostgreSQL a deadlock the database breaks, which the loser's batch must survive
                Future<List<Claim>> fromA = pool.submit(() -> {
                    start.await();
                    return a.completeAndClaim(ofA, ofB, LEASE);
                });
                Future<List<Claim>> fromB = pool.submit(() -> {
                    start.await();
                    return b.completeAndClaim(ofB, ofA, LEASE);
                });
                start.countDown();

                assertThat(fromA.get(30, TimeUnit.SECONDS)).hasSize(10).doesNotContain(Claim.ACQUIRED);
                assertThat(fromB.get(30, TimeUnit.SECONDS)).hasSize(10).doesNotContain(Claim.ACQUIRED);
                for (Key key : ofA) {
                    assertThat(b.state(key)).isEqualTo(State.COMPLETED);
                }
                for (Key key : ofB) {
                    assertThat(a.state(key)).isEqualTo(State.COMPLETED);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
