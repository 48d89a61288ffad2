package ai.fonella.client;

/**
 * The API failed on its side (5xx). Safe operations were already retried before this was thrown.
 */
public class FonellaServerException extends FonellaApiException {

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
    public FonellaServerException(String message, int statusCode, String errorCode, String errorMessage, String requestId) {
        super(message, statusCode, errorCode, errorMessage, requestId);
    }
}
