package ai.fonella.tool;

import ai.fonella.FonellaException;
import java.lang.reflect.Method;

/**
 * A {@link FonellaTool} method, or a set of them, cannot become a tool definition. Thrown while
 * definitions are built (at application start or during a build), never during a call. The message
 * names the class and method and says what to change.
 */
public class ToolDefinitionException extends FonellaException {

    private static final long serialVersionUID = 1L;

    private final transient Class<?> toolClass;
    private final transient Method method;

    /**
     * Creates the exception.
     *
     * @param toolClass the class being scanned, may be {@code null} for a problem of a whole set
     * @param method the offending method, may be {@code null} for a problem of a whole set
     * @param message what is wrong, naming class and method, and what to do
     */
    public ToolDefinitionException(Class<?> toolClass, Method method, String message) {
        super(message);
        this.toolClass = toolClass;
        this.method = method;
    }

    /**
     * The class being scanned.
     *
     * @return the class, or {@code null} when the problem concerns a whole set of tools
     */
    public Class<?> toolClass() {
        return toolClass;
    }

    /**
     * The offending method.
     *
     * @return the method, or {@code null} when the problem concerns a whole set of tools
     */
    public Method method() {
        return method;
    }
}
