package ai.fonella.tool;

import ai.fonella.model.ApiRules;
import ai.fonella.model.ToolMethod;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * A tool as computed from one {@link FonellaTool} method: everything Fonella needs to register it,
 * and the method that serves it. Computed in exactly one place, {@link ToolDefinitions}, which both
 * the Spring Boot starter and the Maven plugin call, so the registered schema cannot drift between
 * them.
 *
 * @param name the tool name, camelCase
 * @param description tells the assistant when to use the tool
 * @param httpMethod how Fonella invokes the tool
 * @param timeout the deadline of one invocation, or {@code null} for the invoker's default
 * @param inputSchema the JSON Schema of the arguments; treat as read-only
 * @param javaMethod the annotated method
 * @param targetClass the class that serves it: the method's declaring class or a subclass, against
 *     which the schema's generic types were resolved
 */
public record ToolDefinition(
        String name,
        String description,
        ToolMethod httpMethod,
        Duration timeout,
        ObjectNode inputSchema,
        Method javaMethod,
        Class<?> targetClass) {

    /** Validates name and description and copies the schema. */
    public ToolDefinition {
        ApiRules.requireToolName("name", name);
        ApiRules.requireText("description", description);
        Objects.requireNonNull(httpMethod, "httpMethod");
        Objects.requireNonNull(inputSchema, "inputSchema");
        Objects.requireNonNull(javaMethod, "javaMethod");
        Objects.requireNonNull(targetClass, "targetClass");
        inputSchema = inputSchema.deepCopy();
    }
}
