package ai.fonella.event;

import ai.fonella.FonellaException;

/**
 * An {@link OnFonellaEvent} method cannot become an event handler, or handlers conflict. Thrown when
 * handlers are built (at application startup), never while dispatching. The message names the
 * class and method and says how to fix it.
 */
public class EventHandlerDefinitionException extends FonellaException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param message the class and method, what is wrong and how to fix it
     */
    public EventHandlerDefinitionException(String message) {
        super(message);
    }
}
