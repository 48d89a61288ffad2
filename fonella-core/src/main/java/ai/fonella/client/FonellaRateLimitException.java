package ai.fonella.client;

import java.time.Duration;
import java.util.Optional;

/**
 * The API answered 429 Too Many Requests. Safe operations were already retried, honouring
 * {@code Retry-After}, before this was thrown; a {@code POST} is never retried automatically.
 */
public class FonellaRateLimitException extends FonellaApiException {

    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    /**
     * Creates an exception.
     *
     * @param message the full message
     * @param errorCode the error code from the body, or {@code null}
     * @param errorMessage the error message from the body, or {@code null}
     * @param requestId the request id header, or {@code null}
     * @param retryAfter the wait the API asked for, or {@code null}
     */
    public FonellaRateLimitException(String message, String errorCode, String errorMessage, String requestId,
            Duration retryAfter) {
        super(message, 429, errorCode, errorMessage, requestId);
        this.retryAfter = retryAfter;
    }

    /**
     * @return how long the API asked to wait ({@code Retry-After}), when it said
     */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
