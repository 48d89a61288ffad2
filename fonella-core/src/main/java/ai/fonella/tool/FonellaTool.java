package ai.fonella.tool;

import ai.fonella.model.ToolMethod;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method as a Fonella tool: the AI phone assistant may call it during a live call.
 *
 * <p>The method's parameters become the tool's arguments and its JSON Schema (see
 * {@link ai.fonella.tool.ToolSchemaGenerator}); a parameter of type {@link ToolCallContext} is
 * injected instead. The return value becomes the text the assistant hears (see {@link ToolInvoker}).
 *
 * <pre>{@code
 * @FonellaTool(description = "Looks up an order by its number and tells its delivery status.")
 * public String lookupOrder(@ToolParam(description = "The order number, e.g. A-1042") String orderNumber) {
 *     return orders.find(orderNumber).map(Order::statusText)
 *             .orElseThrow(() -> new ToolResultException("I could not find order " + orderNumber + "."));
 * }
 * }</pre>
 *
 * <p>Annotations on an interface method apply to its implementations, so a tool may be declared on
 * an interface and served by a class or a proxy. Definitions are built by {@link ToolDefinitions}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface FonellaTool {

    /**
     * The tool name the assistant sees: camelCase, a lower-case letter followed by letters and
     * digits, at most 64 characters, unique within the application. Defaults to the method name.
     *
     * @return the tool name, or empty for the method name
     */
    String name() default "";

    /**
     * Tells the assistant what the tool does and when to use it. Required and not blank: the
     * assistant picks tools by their description.
     *
     * @return the description
     */
    String description();

    /**
     * How Fonella sends the arguments: {@link ToolMethod#POST} (the default) as a JSON body, or
     * {@link ToolMethod#GET} as query parameters.
     *
     * @return the HTTP method
     */
    ToolMethod method() default ToolMethod.POST;

    /**
     * The deadline of one invocation of this tool, overriding the invoker's default (4 seconds).
     * Either a whole number of milliseconds or seconds with a unit, {@code "1500ms"} or
     * {@code "2s"} (decimals allowed: {@code "2.5s"}), or an ISO-8601 duration such as
     * {@code "PT2.5S"}. Must be positive and below the platform's 5 second limit, so that the
     * fallback answer still reaches Fonella in time. Empty means the invoker's default.
     *
     * @return the timeout, or empty for the invoker's default
     */
    String timeout() default "";
}
