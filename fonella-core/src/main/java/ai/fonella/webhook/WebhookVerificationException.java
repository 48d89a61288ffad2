package ai.fonella.webhook;

import ai.fonella.FonellaException;

/**
 * A webhook delivery failed signature verification. The message says why, never what the expected
 * signature or the secret is. Treat the delivery as forged: answer 401 and do not parse the body.
 */
public class WebhookVerificationException extends FonellaException {

    private static final long serialVersionUID = 1L;

    /** Why verification failed. */
    public enum Reason {
        /** A required signature header is absent. */
        MISSING_HEADER,
        /** A signature header cannot be parsed. */
        MALFORMED_HEADER,
        /** The timestamp is not a plain decimal number of seconds. */
        INVALID_TIMESTAMP,
        /** The timestamp is further from now than the tolerance: a replay or a wrong clock. */
        TIMESTAMP_OUT_OF_TOLERANCE,
        /** No usable secret is configured, so nothing can be verified. */
        NO_SECRET,
        /** No signature matches the body under any configured secret. */
        SIGNATURE_MISMATCH
    }

    private final Reason reason;

    /**
     * Creates a failure.
     *
     * @param reason why verification failed
     * @param message a description safe to log and to return to the sender
     */
    public WebhookVerificationException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /**
     * Creates a failure caused by another exception, for example a secret supplier that failed.
     *
     * @param reason why verification failed
     * @param message a description safe to log and to return to the sender
     * @param cause the underlying failure
     */
    public WebhookVerificationException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /**
     * Why verification failed.
     *
     * @return the reason
     */
    public Reason reason() {
        return reason;
    }
}
