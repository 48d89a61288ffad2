package ai.fonella.sync;

import ai.fonella.FonellaException;

/**
 * A sync cannot be planned or was not fully applied: a tool name owned by another app, the 20-tool
 * limit, or an API failure midway. The message says which and what to do.
 */
public class ToolSyncException extends FonellaException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong and what to do
     */
    public ToolSyncException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong and what to do
     * @param cause the underlying failure
     */
    public ToolSyncException(String message, Throwable cause) {
        super(message, cause);
    }
}
