package ai.fonella;

/**
 * Root of every exception thrown by Fonella for Java. All of them are unchecked.
 *
 * <p>Subtypes say what went wrong and, in their message, what to do about it:
 * {@link InvalidRequestException} for a request rejected before it was sent,
 * {@code ai.fonella.client.FonellaApiException} for an error answered by the API,
 * {@code ai.fonella.client.FonellaIoException} for a transport failure,
 * {@code ai.fonella.webhook.WebhookVerificationException} for a webhook that failed verification,
 * {@code ai.fonella.event.EventParseException} for a delivery that is not a Fonella event,
 * {@code ai.fonella.tool.ToolDefinitionException} and
 * {@code ai.fonella.event.EventHandlerDefinitionException} for an annotated method that cannot become
 * a tool or an event handler, and {@code ai.fonella.sync.ToolSyncException} for a sync that cannot
 * be planned or applied.
 *
 * <p>Messages never contain an API key, a signing secret, a tool secret or an expected signature.
 */
public class FonellaException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message.
     *
     * @param message what went wrong and what to do about it
     */
    public FonellaException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and a cause.
     *
     * @param message what went wrong and what to do about it
     * @param cause the underlying failure
     */
    public FonellaException(String message, Throwable cause) {
        super(message, cause);
    }
}
