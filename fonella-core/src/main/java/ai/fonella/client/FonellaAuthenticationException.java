package ai.fonella.client;

/**
 * The API key was rejected (401) or lacks a scope the operation needs (403).
 */
public class FonellaAuthenticationException extends FonellaApiException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param message the full message
     * @param statusCode the HTTP status
     * @param errorCode the error code from the body, or {@code null}
     * @param errorMessage the error message from the body, or {@code null}
     * @param requestId the request id header, or {@code null}
     */
    public FonellaAuthenticationException(String message, int statusCode, String errorCode, String errorMessage, String requestId) {
        super(message, statusCode, errorCode, errorMessage, requestId);
    }
}
