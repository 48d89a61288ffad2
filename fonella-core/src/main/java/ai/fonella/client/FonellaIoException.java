package ai.fonella.client;

import ai.fonella.FonellaException;

/**
 * The API could not be reached or did not answer in time: connection refused, DNS failure, TLS
 * failure, timeout, or an interrupted call. Safe operations were already retried before this was
 * thrown.
 */
public class FonellaIoException extends FonellaException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param message what failed and what to check
     * @param cause the transport failure
     */
    public FonellaIoException(String message, Throwable cause) {
        super(message, cause);
    }
}
