package ai.fonella.spring.boot.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.RedisSentinelConfiguration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/** Which Redis setups the store sends batches to; no connection is made. */
class RedisEventDeduplicationStoreTests {

    private static RedisEventDeduplicationStore store(LettuceConnectionFactory factory) {
        return new RedisEventDeduplicationStore(factory, RedisEventDeduplicationStore.DEFAULT_KEY_PREFIX,
                Duration.ofDays(7));
    }

    @Test
    void batchesOnASingleRedisAndOnSentinel() {
        assertThat(store(new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", 6379)))
                .batches()).isTrue();
        assertThat(store(new LettuceConnectionFactory(new RedisSentinelConfiguration("primary", Set.of(
                "127.0.0.1:26379")))).batches()).isTrue();
    }

    @Test
    void sendsNoBatchesToRedisClusterWhereAScriptMayTouchOneHashSlotOnly() {
        assertThat(store(new LettuceConnectionFactory(new RedisClusterConfiguration(List.of("127.0.0.1:7000"))))
                .batches()).isFalse();
    }
}
