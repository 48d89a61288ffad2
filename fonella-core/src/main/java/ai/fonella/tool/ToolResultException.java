package ai.fonella.tool;

import ai.fonella.FonellaException;

/**
 * Thrown by a {@link FonellaTool} method to end the invocation with a message the assistant says
 * as is, such as "I could not find order A-1042.". The invoker answers with the message verbatim
 * (status {@link ToolOutcome.Status#ERROR}) and logs it at DEBUG only, without a stack trace.
 * Any other exception gives the invoker's generic error text instead.
 */
public class ToolResultException extends FonellaException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what the assistant is told, verbatim
     */
    public ToolResultException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause, which is kept for logs and metrics but never told to the
     * assistant.
     *
     * @param message what the assistant is told, verbatim
     * @param cause the underlying failure
     */
    public ToolResultException(String message, Throwable cause) {
        super(message, cause);
    }
}
