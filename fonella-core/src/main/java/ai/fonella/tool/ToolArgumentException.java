package ai.fonella.tool;

import ai.fonella.FonellaException;

/**
 * The arguments of a tool call could not be bound to the method's parameters: a required argument
 * is missing, has the wrong type, or the arguments are not a JSON object. The message names the
 * argument and is meant for the assistant, e.g. "The argument 'orderNumber' is missing."; it never
 * contains the argument values. Reported as {@link ToolOutcome.Status#BAD_ARGUMENTS}.
 */
public class ToolArgumentException extends FonellaException {

    private static final long serialVersionUID = 1L;

    private final String argument;

    /**
     * Creates the exception.
     *
     * @param argument the path of the offending argument, e.g. {@code orderNumber} or
     *     {@code customer.phone}, or {@code null} when the arguments as a whole are unusable
     * @param message the message for the assistant
     * @param cause the binding failure, may be {@code null}
     */
    public ToolArgumentException(String argument, String message, Throwable cause) {
        super(message, cause);
        this.argument = argument;
    }

    /**
     * The path of the offending argument, e.g. {@code orderNumber}, {@code customer.phone} or
     * {@code items[2].sku}.
     *
     * @return the path, or {@code null} when the arguments as a whole are unusable
     */
    public String argument() {
        return argument;
    }
}
