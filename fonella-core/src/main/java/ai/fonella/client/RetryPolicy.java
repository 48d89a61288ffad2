package ai.fonella.client;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * When and how long the client waits before retrying a safe request ({@code GET}, {@code PATCH},
 * {@code DELETE}) after a 429, 502, 503, 504 or an I/O failure. A {@code POST} is never retried,
 * because it may already have created something.
 *
 * <p>The n-th retry waits {@code initialDelay * multiplier^(n-1)}, capped at {@code maxDelay}, spread
 * by {@code ±jitter} of itself; a {@code Retry-After} answer replaces that wait. No retry starts once
 * the next wait would end after {@code maxElapsed} from the first attempt.
 *
 * @param maxRetries retries after the first attempt; 0 disables retries
 * @param initialDelay wait before the first retry
 * @param maxDelay longest computed wait
 * @param multiplier growth of the wait per retry, at least 1
 * @param jitter fraction in [0, 1] by which a computed wait is randomly spread
 * @param maxElapsed bound on the total time spent on one operation, retries included
 */
public record RetryPolicy(
        int maxRetries,
        Duration initialDelay,
        Duration maxDelay,
        double multiplier,
        double jitter,
        Duration maxElapsed) {

    /** Two retries, 500 ms doubling up to 8 s, ±25 % jitter, within 30 s. */
    public static final RetryPolicy DEFAULT =
            new RetryPolicy(2, Duration.ofMillis(500), Duration.ofSeconds(8), 2.0, 0.25, Duration.ofSeconds(30));

    /** No retries at all. */
    public static final RetryPolicy NONE = new RetryPolicy(0, Duration.ZERO, Duration.ZERO, 1.0, 0.0, Duration.ZERO);

    /** Validates the parameters. */
    public RetryPolicy {
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(maxElapsed, "maxElapsed");
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be 0 or more, but was " + maxRetries);
        }
        if (initialDelay.isNegative() || maxDelay.isNegative() || maxElapsed.isNegative()) {
            throw new IllegalArgumentException("retry durations must not be negative");
        }
        if (multiplier < 1.0) {
            throw new IllegalArgumentException("multiplier must be at least 1, but was " + multiplier);
        }
        if (jitter < 0.0 || jitter > 1.0) {
            throw new IllegalArgumentException("jitter must be between 0 and 1, but was " + jitter);
        }
    }

    /**
     * The computed wait before a retry, without {@code Retry-After}.
     *
     * @param retry 1 for the first retry, 2 for the second, ...
     * @param random source of jitter
     * @return the wait
     */
    public Duration delay(int retry, RandomGenerator random) {
        double base = initialDelay.toNanos() * Math.pow(multiplier, Math.max(0, retry - 1));
        base = Math.min(base, maxDelay.toNanos());
        double spread = jitter == 0.0 ? 1.0 : 1.0 - jitter + 2.0 * jitter * random.nextDouble();
        return Duration.ofNanos((long) (base * spread));
    }

    /**
     * A copy with another number of retries.
     *
     * @param maxRetries retries after the first attempt
     * @return the new policy
     */
    public RetryPolicy withMaxRetries(int maxRetries) {
        return new RetryPolicy(maxRetries, initialDelay, maxDelay, multiplier, jitter, maxElapsed);
    }

    /**
     * A copy without jitter, for predictable waits in tests.
     *
     * @return the new policy
     */
    public RetryPolicy withoutJitter() {
        return new RetryPolicy(maxRetries, initialDelay, maxDelay, multiplier, 0.0, maxElapsed);
    }
}
