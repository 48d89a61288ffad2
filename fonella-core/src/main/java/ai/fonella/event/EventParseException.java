package ai.fonella.event;

import ai.fonella.FonellaException;

/**
 * A webhook body is not a Fonella event envelope: not JSON, not an object, without {@code id} or
 * {@code type}, or with a {@code data.call} that cannot be read as a call. The message names the
 * problem and, for JSON syntax errors, the position, never the body's content (the cause, kept for
 * debugging, may quote the offending token). An HTTP endpoint answers {@code 400}.
 */
public class EventParseException extends FonellaException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param message what is wrong with the body
     */
    public EventParseException(String message) {
        super(message);
    }

    /**
     * Creates an exception with the underlying parse failure.
     *
     * @param message what is wrong with the body
     * @param cause the parse failure
     */
    public EventParseException(String message, Throwable cause) {
        super(message, cause);
    }
}
