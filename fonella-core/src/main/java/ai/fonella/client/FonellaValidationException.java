package ai.fonella.client;

/**
 * The API rejected the request as invalid (400), conflicting (409) or unprocessable (422); the message names the field when the API did.
 */
public class FonellaValidationException extends FonellaApiException {

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
    public FonellaValidationException(String message, int statusCode, String errorCode, String errorMessage, String requestId) {
        super(message, statusCode, errorCode, errorMessage, requestId);
    }
}
