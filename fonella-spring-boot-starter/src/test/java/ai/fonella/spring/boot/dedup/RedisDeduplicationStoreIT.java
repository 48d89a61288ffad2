package ai.fonella.spring.boot.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import ai.fonella.event.EventDeduplicationStore;
import ai.fonella.event.EventDeduplicationStore.Key;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.jedis.JedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The Redis store on a real redis-server, through Spring Boot's default client, Lettuce, and (nested)
 * through Jedis, which {@code spring.data.redis.client-type=jedis} selects.
 */
class RedisDeduplicationStoreIT extends DeduplicationStoreContract {

    private static Engines.Redis redis;
    private static LettuceConnectionFactory connections;
    private static JedisConnectionFactory jedisConnections;

    @BeforeAll
    static void startRedis() {
        redis = Engines.redis();
        connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", redis.port()));
        connections.afterPropertiesSet();
        connections.start();
        jedisConnections = new JedisConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", redis.port()));
        jedisConnections.afterPropertiesSet();
        jedisConnections.start();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        connections.destroy();
        jedisConnections.destroy();
        redis.close();
    }

    @Override
    EventDeduplicationStore store(Duration retention) {
        return new RedisEventDeduplicationStore(connections, "test:dedup:", retention);
    }

    @Test
    void keepsEachPairUnderItsOwnKeyWithAnExpiry() {
        EventDeduplicationStore store = store(Duration.ofHours(1));
        Key key = new Key("evt_1:x", "h");
        Key other = new Key("evt_1", "x:h");
        store.tryClaim(key, LEASE);
        store.complete(key);

        assertThat(store.tryClaim(other, LEASE)).isEqualTo(EventDeduplicationStore.Claim.ACQUIRED);
        StringRedisTemplate template = new StringRedisTemplate(connections);
        assertThat(template.keys("test:dedup:*")).contains("test:dedup:7:evt_1:x:h", "test:dedup:5:evt_1:x:h");
        assertThat(template.getExpire("test:dedup:7:evt_1:x:h")).isBetween(3500L, 3600L);
    }

    /** The same contract through Jedis. */
    @Nested
    class OnJedis extends DeduplicationStoreContract {

        @Override
        EventDeduplicationStore store(Duration retention) {
            return new RedisEventDeduplicationStore(jedisConnections, "test:jedis:", retention);
        }
    }
}
