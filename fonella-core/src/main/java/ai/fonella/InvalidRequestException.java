package ai.fonella;

/**
 * A request was rejected on the client side, before anything was sent, because a field breaks a
 * rule of the Fonella API. The message names the field and the fix.
 */
public class InvalidRequestException extends FonellaException {

    private static final long serialVersionUID = 1L;

    private final String field;

    /**
     * Creates an exception for one field.
     *
     * @param field the name of the offending field as it appears on the wire, e.g. {@code url}
     * @param message what is wrong with it and how to fix it
     */
    public InvalidRequestException(String field, String message) {
        super(message);
        this.field = field;
    }

    /**
     * The name of the offending field as it appears on the wire, e.g. {@code url} or {@code limit}.
     *
     * @return the field name
     */
    public String field() {
        return field;
    }
}
