package ai.fonella.bench.app;

import ai.fonella.event.BatchingEventDeduplicationStore;
import ai.fonella.spring.boot.dedup.RedisEventDeduplicationStore;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.PriorityOrdered;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Not a store anyone may use: a bound, for {@code store-load.sh}'s {@code redis-unawaited} app. It
 * replaces the starter's Redis store with one that sends each batch of claims and completions to
 * the same redis-server, with a script of the same work, on Lettuce's asynchronous API, and answers
 * every claim "acquired" at once without waiting for Redis. So no delivery ever waits for its claim,
 * which breaks the store's one promise (a handler runs only with its claim). The app's throughput is
 * then what the same traffic costs when nothing waits for it: a bound on what hiding the claim's
 * round trip (parsing while the claim travels, say) could gain. It is not a bound on every such
 * design: since nothing waits, a batch holds about one key where the real store's hold 12 to 15, so
 * Lettuce in the app and redis-server both do more work per delivery here than they would for a
 * design that also kept the batches. Releases and state queries go to the real store, whose keys
 * this one never writes; the benchmark's handler never fails, so neither is asked. Active with
 * {@code bench.unawaited-claims=true}, on Lettuce only.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("bench.unawaited-claims")
public class UnawaitedClaims {

    private static final Logger log = LoggerFactory.getLogger(UnawaitedClaims.class);

    /** The Redis store's script, without the read of a key that is not claimed (none is here). */
    private static final byte[] SCRIPT = bytes("""
            local completions = tonumber(ARGV[1])
            for i = 1, completions do
              redis.call('set', KEYS[i], 'done', 'PX', ARGV[4])
            end
            local answers = {}
            for i = completions + 1, #KEYS do
              answers[#answers + 1] = redis.call('set', KEYS[i], ARGV[2], 'NX', 'PX', ARGV[3]) and 0 or 1
            end
            return answers
            """);

    /**
     * Runs before {@link StoreTimings}'s post-processor, so that it wraps this store rather than the
     * starter's: Spring tells a {@link PriorityOrdered} post-processor by the declared type, before
     * creating it, so the method declares {@link First}.
     */
    @Bean
    static First unawaitedRedisStore(ObjectProvider<RedisConnectionFactory> factory) {
        return new First(factory);
    }

    /** Replaces the starter's Redis store. */
    static final class First implements BeanPostProcessor, PriorityOrdered {
        private final ObjectProvider<RedisConnectionFactory> factory;

        First(ObjectProvider<RedisConnectionFactory> factory) {
            this.factory = factory;
        }

        @Override
        public Object postProcessAfterInitialization(Object bean, String name) {
            if (!(bean instanceof RedisEventDeduplicationStore store)) {
                return bean;
            }
            RedisConnectionFactory connections = factory.getObject();
            if (!(connections instanceof LettuceConnectionFactory)) {
                throw new IllegalStateException("bench.unawaited-claims needs Lettuce's connection factory, not "
                        + connections.getClass().getName() + ": remove spring.data.redis.client-type=jedis");
            }
            return new Unawaited(store, connections);
        }

        @Override
        public int getOrder() {
            return 0;
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static final class Unawaited implements BatchingEventDeduplicationStore {
        private final RedisEventDeduplicationStore store;
        private final RedisConnectionFactory factory;
        private volatile RedisClusterAsyncCommands<byte[], byte[]> redis;
        /** The script's SHA-1: sent with EVALSHA, as Spring Data Redis sends the real store's. */
        private volatile String sha;
        private final AtomicLong failures = new AtomicLong();

        Unawaited(RedisEventDeduplicationStore store, RedisConnectionFactory factory) {
            this.store = store;
            this.factory = factory;
        }

        @SuppressWarnings("unchecked")
        private synchronized RedisClusterAsyncCommands<byte[], byte[]> redis() {
            if (redis == null) {
                // Lettuce's shared connection, the one the starter's store uses; closing the wrapper keeps it
                try (RedisConnection connection = factory.getConnection()) {
                    RedisClusterAsyncCommands<byte[], byte[]> commands =
                            (RedisClusterAsyncCommands<byte[], byte[]>) connection.getNativeConnection();
                    sha = commands.scriptLoad(SCRIPT).toCompletableFuture().join();
                    redis = commands;
                }
            }
            return redis;
        }

        private static byte[] key(Key key) {
            return bytes("fonella:unawaited:" + key.eventId().length() + ":" + key.eventId() + ":" + key.handlerId());
        }

        @Override
        public List<Claim> completeAndClaim(List<Key> completions, List<Key> claims, Duration lease) {
            List<byte[]> keys = new ArrayList<>(completions.size() + claims.size());
            completions.forEach(key -> keys.add(key(key)));
            claims.forEach(key -> keys.add(key(key)));
            RedisClusterAsyncCommands<byte[], byte[]> commands = redis != null ? redis : redis();
            commands.evalsha(sha, ScriptOutputType.MULTI, keys.toArray(byte[][]::new),
                    bytes(Integer.toString(completions.size())), bytes("claim:unawaited"),
                    bytes(Long.toString(lease.toMillis())), bytes(Long.toString(Duration.ofDays(7).toMillis())))
                    .whenComplete((answer, failure) -> {
                        // a failed script did less work than the real store's: the bound would be too high
                        if (failure != null && failures.getAndIncrement() == 0) {
                            log.error("redis-unawaited: a script failed, so this run's bound is not valid", failure);
                        }
                    });
            return Collections.nCopies(claims.size(), Claim.ACQUIRED);
        }

        @Override
        public Claim tryClaim(Key key, Duration lease) {
            return completeAndClaim(List.of(), List.of(key), lease).get(0);
        }

        @Override
        public void complete(Key key) {
            completeAndClaim(List.of(key), List.of(), Duration.ZERO);
        }

        @Override
        public void release(Key key) {
            store.release(key);
        }

        @Override
        public State state(Key key) {
            return store.state(key);
        }

        @Override
        public void ping() {
            store.ping();
        }

        @Override
        public String toString() {
            return "unawaited claims on " + store + " (" + failures.get() + " failed script(s))";
        }
    }
}
