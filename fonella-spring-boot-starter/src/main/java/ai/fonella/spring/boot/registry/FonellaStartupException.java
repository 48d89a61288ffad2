package ai.fonella.spring.boot.registry;

import ai.fonella.FonellaException;

/**
 * The application cannot start with Fonella as configured. Carries a description and an action,
 * which Spring Boot's failure analysis prints under "Description" and "Action".
 */
public class FonellaStartupException extends FonellaException {

    private static final long serialVersionUID = 1L;

    private final String description;
    private final String action;

    /**
     * @param description what is wrong, naming the bean, method or property
     * @param action what to do about it
     * @param cause the underlying failure, or {@code null}
     */
    public FonellaStartupException(String description, String action, Throwable cause) {
        super(description + " " + action, cause);
        this.description = description;
        this.action = action;
    }

    /**
     * @return what is wrong
     */
    public String description() {
        return description;
    }

    /**
     * @return what to do about it
     */
    public String action() {
        return action;
    }
}
