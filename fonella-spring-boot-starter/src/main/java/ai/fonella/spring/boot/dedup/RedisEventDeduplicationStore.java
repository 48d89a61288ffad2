package ai.fonella.spring.boot.dedup;

import ai.fonella.event.BatchingEventDeduplicationStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.springframework.data.redis.connection.RedisClusterConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.jedis.JedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.util.ClassUtils;

/**
 * An {@link ai.fonella.event.EventDeduplicationStore} shared by every instance of an app through Redis, one key per
 * (event id, handler id):
 *
 * <ul>
 * <li>a claim is {@code SET key claim:<owner> NX PX <lease>}: of several instances claiming at
 *     once exactly one sets it, and Redis forgets it when the lease ends; when it is not set, the
 *     key's value says whether it is completed or held;</li>
 * <li>a completion overwrites it with {@code done} and the retention as its expiry;</li>
 * <li>a release deletes the claim, only if this store (this instance) still owns it.</li>
 * </ul>
 *
 * <p>Each is one Lua script, so atomic. Claims and completions share one script, which also takes
 * those of concurrent deliveries together ({@link BatchingEventDeduplicationStore}); not on Redis
 * Cluster (Lettuce's or Jedis's factory configured for one), where one script may only touch the keys
 * of one hash slot: there every delivery sends its own, with one key.
 *
 * <p>Expiry is Redis's own, so nothing needs purging and replica clocks do not matter. Spring Data
 * Redis throws its {@code DataAccessException}s when Redis cannot be reached; how soon depends on
 * {@code spring.data.redis.timeout}, which should stay well below Fonella's 10 s delivery timeout.
 */
public final class RedisEventDeduplicationStore implements BatchingEventDeduplicationStore {

    /** The default key prefix. */
    public static final String DEFAULT_KEY_PREFIX = "fonella:dedup:";

    private static final String DONE = "done";
    private static final RedisScript<Long> RELEASE = RedisScript.of(
            "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end",
            Long.class);
    /**
     * KEYS: the completions, then the claims; ARGV: the number of completions, this store's claim
     * value, the lease and the retention in milliseconds. Answers 0 (acquired), 1 (held elsewhere)
     * or 2 (already completed) for each claim.
     */
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> COMPLETE_AND_CLAIM = RedisScript.of("""
            local completions = tonumber(ARGV[1])
            for i = 1, completions do
              redis.call('set', KEYS[i], 'done', 'PX', ARGV[4])
            end
            local answers = {}
            for i = completions + 1, #KEYS do
              if redis.call('set', KEYS[i], ARGV[2], 'NX', 'PX', ARGV[3]) then
                answers[#answers + 1] = 0
              elseif redis.call('get', KEYS[i]) == 'done' then
                answers[#answers + 1] = 2
              else
                answers[#answers + 1] = 1
              end
            end
            return answers
            """, List.class);
    private static final Claim[] ANSWERS = {Claim.ACQUIRED, Claim.HELD_ELSEWHERE, Claim.ALREADY_COMPLETED};
    private static final boolean LETTUCE = ClassUtils.isPresent("io.lettuce.core.RedisClient",
            RedisEventDeduplicationStore.class.getClassLoader());
    private static final boolean JEDIS = ClassUtils.isPresent("redis.clients.jedis.Jedis",
            RedisEventDeduplicationStore.class.getClassLoader());

    private final StringRedisTemplate redis;
    private final String keyPrefix;
    private final String retentionMillis;
    private final String claimValue = "claim:" + UUID.randomUUID();
    /** The factory is Lettuce's or Jedis's, configured for Redis Cluster: no batches. */
    private final boolean clusterFactory;
    /** Whether the connections are Redis Cluster's, learned on the first batch; for any other factory. */
    private volatile Boolean clusterConnections;

    /**
     * A store on a Redis connection.
     *
     * @param connectionFactory the app's Redis connection factory
     * @param keyPrefix the prefix of every key
     * @param retention how long a completion is remembered
     */
    public RedisEventDeduplicationStore(RedisConnectionFactory connectionFactory, String keyPrefix,
            Duration retention) {
        this.redis = new StringRedisTemplate(Objects.requireNonNull(connectionFactory, "connectionFactory"));
        this.clusterFactory = isCluster(connectionFactory);
        this.keyPrefix = Objects.requireNonNull(keyPrefix, "keyPrefix");
        if (retention == null || retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention must be positive, e.g. P7D");
        }
        this.retentionMillis = Long.toString(retention.toMillis());
    }

    @Override
    public Claim tryClaim(Key key, Duration lease) {
        return run(List.of(key(key)), 0, lease).get(0);
    }

    @Override
    public void complete(Key key) {
        run(List.of(key(key)), 1, Duration.ZERO);
    }

    /**
     * Records completions and takes claims with one Lua script, atomically; on Redis Cluster with one
     * script per key, in order. The dispatcher sends no batches to a cluster it can tell from the
     * factory (see {@link #batches()}); for a cluster behind another factory, learned from the first
     * connection, this is correct but sends a batch's keys one after the other.
     */
    @Override
    public List<Claim> completeAndClaim(List<Key> completions, List<Key> claims, Duration lease) {
        if (clusterFactory || clusterConnections()) {
            completions.forEach(this::complete);
            return claims.stream().map(key -> tryClaim(key, lease)).toList();
        }
        List<String> keys = new ArrayList<>(completions.size() + claims.size());
        completions.forEach(key -> keys.add(key(key)));
        claims.forEach(key -> keys.add(key(key)));
        return run(keys, completions.size(), lease);
    }

    /**
     * Not on Redis Cluster, where one script may touch the keys of one hash slot only: a batch would
     * be a round trip per key, one after the other, so the dispatcher calls the single-key methods
     * of concurrent deliveries concurrently instead.
     */
    @Override
    public boolean batches() {
        return !clusterFactory;
    }

    /** Runs the script on keys whose first {@code completions} are completed and the rest claimed. */
    private List<Claim> run(List<String> keys, int completions, Duration lease) {
        List<?> codes = redis.execute(COMPLETE_AND_CLAIM, keys, Integer.toString(completions), claimValue,
                Long.toString(Math.max(1, lease.toMillis())), retentionMillis);
        List<Claim> answers = new ArrayList<>(codes.size());
        for (Object code : codes) {
            answers.add(ANSWERS[((Number) code).intValue()]);
        }
        return answers;
    }

    @Override
    public void release(Key key) {
        redis.execute(RELEASE, List.of(key(key)), claimValue);
    }

    @Override
    public State state(Key key) {
        String value = redis.opsForValue().get(key(key));
        if (value == null) {
            return State.ABSENT;
        }
        return DONE.equals(value) ? State.COMPLETED : State.IN_PROGRESS;
    }

    @Override
    public void ping() {
        redis.execute((RedisCallback<String>) connection -> connection.ping());
    }

    @Override
    public String toString() {
        return "redis (keys " + keyPrefix + "*)";
    }

    /**
     * Whether the connections go to Redis Cluster, asked of the first connection: a factory other
     * than Lettuce's and Jedis's (Redisson's, or a wrapper) still gets correct, if unbatched, scripts.
     */
    private boolean clusterConnections() {
        Boolean known = clusterConnections;
        if (known == null) {
            known = redis.execute((RedisCallback<Boolean>) connection -> connection instanceof RedisClusterConnection);
            clusterConnections = known;
        }
        return known;
    }

    /**
     * Whether the factory is one of Spring Data Redis's two clients configured for Redis Cluster. A
     * factory of another kind is taken for a single Redis or Sentinel.
     */
    static boolean isCluster(RedisConnectionFactory factory) {
        return LETTUCE && Lettuce.isCluster(factory) || JEDIS && Jedis.isCluster(factory);
    }

    /** Loaded only with Lettuce on the class path. */
    private static final class Lettuce {
        static boolean isCluster(RedisConnectionFactory factory) {
            return factory instanceof LettuceConnectionFactory lettuce && lettuce.isClusterAware();
        }
    }

    /** Loaded only with Jedis on the class path. */
    private static final class Jedis {
        static boolean isCluster(RedisConnectionFactory factory) {
            return factory instanceof JedisConnectionFactory jedis && jedis.isRedisClusterAware();
        }
    }

    /** The key of a pair; the event id's length first, so that no two pairs share a key. */
    private String key(Key key) {
        return keyPrefix + key.eventId().length() + ":" + key.eventId() + ":" + key.handlerId();
    }
}
