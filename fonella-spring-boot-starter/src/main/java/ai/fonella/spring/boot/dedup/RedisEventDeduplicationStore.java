package ai.fonella.spring.boot.dedup;

import ai.fonella.event.EventDeduplicationStore;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * An {@link EventDeduplicationStore} shared by every instance of an app through Redis, one key per
 * (event id, handler id):
 *
 * <ul>
 * <li>a claim is {@code SET key claim:<owner> NX PX <lease>}: of several instances claiming at
 *     once exactly one sets it, and Redis forgets it when the lease ends;</li>
 * <li>a completion overwrites it with {@code done} and the retention as its expiry;</li>
 * <li>a release deletes the claim, only if this store (this instance) still owns it (one Lua
 *     script, atomic).</li>
 * </ul>
 *
 * <p>Expiry is Redis's own, so nothing needs purging and replica clocks do not matter. Spring Data
 * Redis throws its {@code DataAccessException}s when Redis cannot be reached; how soon depends on
 * {@code spring.data.redis.timeout}, which should stay well below Fonella's 10 s delivery timeout.
 */
public final class RedisEventDeduplicationStore implements EventDeduplicationStore {

    /** The default key prefix. */
    public static final String DEFAULT_KEY_PREFIX = "fonella:dedup:";

    private static final String DONE = "done";
    private static final RedisScript<Long> RELEASE = RedisScript.of(
            "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end",
            Long.class);
    private static final int CLAIM_ATTEMPTS = 3;

    private final StringRedisTemplate redis;
    private final String keyPrefix;
    private final Duration retention;
    private final String claimValue = "claim:" + UUID.randomUUID();

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
        this.keyPrefix = Objects.requireNonNull(keyPrefix, "keyPrefix");
        if (retention == null || retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention must be positive, e.g. P7D");
        }
        this.retention = retention;
    }

    @Override
    public Claim tryClaim(Key key, Duration lease) {
        String name = key(key);
        Duration holds = lease.toMillis() < 1 ? Duration.ofMillis(1) : lease;
        for (int attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
            if (Boolean.TRUE.equals(redis.opsForValue().setIfAbsent(name, claimValue, holds))) {
                return Claim.ACQUIRED;
            }
            String value = redis.opsForValue().get(name);
            if (value != null) {
                return DONE.equals(value) ? Claim.ALREADY_COMPLETED : Claim.HELD_ELSEWHERE;
            }
            // expired or released between the two commands: claim again
        }
        return Claim.HELD_ELSEWHERE;
    }

    @Override
    public void complete(Key key) {
        redis.opsForValue().set(key(key), DONE, retention);
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

    /** The key of a pair; the event id's length first, so that no two pairs share a key. */
    private String key(Key key) {
        return keyPrefix + key.eventId().length() + ":" + key.eventId() + ":" + key.handlerId();
    }
}
