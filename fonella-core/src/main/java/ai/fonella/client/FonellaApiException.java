package ai.fonella.client;

import ai.fonella.FonellaException;

/**
 * The Fonella API answered with an error status. Carries the HTTP status, the error code and message
 * from the body when it had them, and the request id when the response carried one (quote it to
 * Fonella support).
 *
 * <p>Subtypes by status: {@link FonellaAuthenticationException} (401, 403),
 * {@link FonellaNotFoundException} (404), {@link FonellaValidationException} (400, 409, 422),
 * {@link FonellaRateLimitException} (429), {@link FonellaServerException} (5xx).
 */
public class FonellaApiException extends FonellaException {

    private static final long serialVersionUID = 1L;

    private final int statusCode;
    private final String errorCode;
    private final String errorMessage;
    private final String requestId;

    /**
     * Creates an exception.
     *
     * @param message the full message: operation, status, code, the API's message and what to do
     * @param statusCode the HTTP status
     * @param errorCode the error code from the body, or {@code null}
     * @param errorMessage the error message from the body, or {@code null}
     * @param requestId the request id header, or {@code null}
     */
    public FonellaApiException(String message, int statusCode, String errorCode, String errorMessage,
            String requestId) {
        super(message);
        this.statusCode = statusCode;
        this.errorCode = errorCode;
        this.errorMessage = errorMessage;
        this.requestId = requestId;
    }

    /**
     * @return the HTTP status code
     */
    public int statusCode() {
        return statusCode;
    }

    /**
     * @return the machine-readable error code from the body (e.g. {@code validation_error}), or
     *     {@code null} when the body had none
     */
    public String errorCode() {
        return errorCode;
    }

    /**
     * @return the human-readable message from the body, or {@code null} when the body had none
     */
    public String errorMessage() {
        return errorMessage;
    }

    /**
     * @return the value of the {@code X-Request-Id} response header, or {@code null}
     */
    public String requestId() {
        return requestId;
    }
}
