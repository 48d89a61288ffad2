package ai.fonella.tool;

import ai.fonella.model.ApiRules;
import ai.fonella.model.ToolMethod;
import ai.fonella.internal.AnnotatedMethods;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds {@link ToolDefinition}s from {@link FonellaTool} methods: the one place a definition is
 * computed, used by plain Java code, the Spring Boot starter and the Maven plugin alike.
 *
 * <pre>{@code
 * List<ToolDefinition> tools = ToolDefinitions.fromObject(new OrderTools(orders));
 * }</pre>
 *
 * <p>Integrations that discover methods their own way (the starter with Spring's
 * {@code MethodIntrospector}, the Maven plugin by loading the project's classes) call
 * {@link #of(Class, Method)} for each method and then {@link #requireValidSet(Collection)} on the
 * whole set. {@link #fromClass(Class)} does both for one class.
 *
 * <p>Every problem is a {@link ToolDefinitionException} whose message names the class and method
 * and says what to change.
 */
public final class ToolDefinitions {

    private static final Logger log = LoggerFactory.getLogger(ToolDefinitions.class);

    /**
     * Schemas already generated, per tool class and method (a class registered as several beans is
     * generated once). Kept with the class itself, so classes of a build's class loader are not
     * pinned.
     */
    private static final ClassValue<Map<Method, ObjectNode>> SCHEMAS = new ClassValue<>() {
        @Override
        protected Map<Method, ObjectNode> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };

    private ToolDefinitions() {
    }

    /**
     * Finds the tool methods of a class, including those inherited from superclasses and those
     * whose annotation sits on an interface or overridden method, and builds their definitions.
     * Bridge and synthetic methods are ignored. The set is validated as by
     * {@link #requireValidSet(Collection)}.
     *
     * @param toolClass the class, e.g. the user class of a bean (not a generated proxy class)
     * @return the definitions, ordered by tool name; empty when the class has no tool
     * @throws ToolDefinitionException when a method cannot become a tool or the set is invalid
     */
    public static List<ToolDefinition> fromClass(Class<?> toolClass) {
        Objects.requireNonNull(toolClass, "toolClass");
        List<ToolDefinition> definitions = new ArrayList<>();
        for (Method method : findToolMethods(toolClass)) {
            definitions.add(of(toolClass, method));
        }
        requireValidSet(definitions);
        definitions.sort(Comparator.comparing(ToolDefinition::name));
        return List.copyOf(definitions);
    }

    /**
     * Builds the definitions of an object's tool methods, as {@link #fromClass(Class)} for its class.
     *
     * @param target the object serving the tools
     * @return the definitions, ordered by tool name
     * @throws ToolDefinitionException when a method cannot become a tool or the set is invalid
     */
    public static List<ToolDefinition> fromObject(Object target) {
        return fromClass(Objects.requireNonNull(target, "target").getClass());
    }

    /**
     * Builds the definition of one method. The single code path that computes a definition.
     *
     * @param targetClass the class the method is served by: the declaring class or a subclass
     *     (type variables of generic superclasses are resolved against it)
     * @param method the method; its {@code @FonellaTool} may be on it or on a method it overrides or
     *     implements
     * @return the definition
     * @throws ToolDefinitionException when the method is not annotated or cannot become a tool
     */
    public static ToolDefinition of(Class<?> targetClass, Method method) {
        return of(targetClass, method, null);
    }

    /**
     * As {@link #of(Class, Method)}, taking the schema from a catalog written when the app was built
     * ({@link ToolCatalog}) when it still describes the method, and generating it otherwise (said at
     * INFO, with the reason, when the catalog has tools).
     *
     * @param targetClass the class the method is served by
     * @param method the method
     * @param catalog schemas computed at build time, or {@code null}
     * @return the definition
     * @throws ToolDefinitionException when the method is not annotated or cannot become a tool
     */
    public static ToolDefinition of(Class<?> targetClass, Method method, ToolCatalog catalog) {
        Objects.requireNonNull(targetClass, "targetClass");
        Objects.requireNonNull(method, "method");
        Method target = method.isBridge() ? bridged(method) : method;
        FonellaTool annotation = findAnnotation(targetClass, target).orElseThrow(() -> new ToolDefinitionException(
                targetClass, target, ToolMethods.describe(targetClass, target) + " is not annotated with "
                + "@FonellaTool, neither directly nor on a method it overrides; annotate it, or do not pass it."));
        String where = "Tool method " + ToolMethods.describe(targetClass, target);
        if (Modifier.isPrivate(target.getModifiers())) {
            throw new ToolDefinitionException(targetClass, target, where + " is private; make it public so that it "
                    + "can be invoked (also through proxies).");
        }
        if (!target.getDeclaringClass().isAssignableFrom(targetClass)) {
            throw new ToolDefinitionException(targetClass, target, where + " is declared in "
                    + target.getDeclaringClass().getName() + ", which " + targetClass.getName() + " does not extend or "
                    + "implement; pass the class that serves the tool.");
        }
        String name = Annotations.text(annotation.name());
        if (name == null) {
            name = target.getName();
        }
        if (name.length() > ApiRules.MAX_TOOL_NAME_LENGTH || !ApiRules.TOOL_NAME.matcher(name).matches()) {
            String camel = ApiRules.toCamelCase(name);
            throw new ToolDefinitionException(targetClass, target, where + " has the tool name '" + name + "', but "
                    + "tool names must be camelCase without spaces (a lower-case letter, then letters and digits, at "
                    + "most " + ApiRules.MAX_TOOL_NAME_LENGTH + " characters)"
                    + (camel.isEmpty() || camel.equals(name) ? "" : "; use @FonellaTool(name = \"" + camel + "\")")
                    + ".");
        }
        String description = Annotations.text(annotation.description());
        if (description == null) {
            throw new ToolDefinitionException(targetClass, target, where + " (tool '" + name + "') has a blank "
                    + "description; say what the tool does and when the assistant should use it, e.g. "
                    + "@FonellaTool(description = \"Looks up an order by its number\").");
        }
        if (annotation.method() == ToolMethod.UNKNOWN) {
            throw new ToolDefinitionException(targetClass, target, where + " (tool '" + name + "') must use "
                    + "method GET or POST.");
        }
        Duration timeout;
        try {
            timeout = Timeouts.parse(annotation.timeout());
        } catch (IllegalArgumentException e) {
            throw new ToolDefinitionException(targetClass, target, where + " (tool '" + name + "'): "
                    + e.getMessage());
        }
        ToolCatalog.Lookup built = catalog == null || catalog.isEmpty() ? null : catalog.schema(targetClass, target);
        if (built != null && built.whyNot() != null) {
            log.info("Fonella: generating the schema of tool '{}' at startup: {}", name, built.whyNot());
        } else if (built != null) {
            log.debug("Fonella: the schema of tool '{}' comes from the build's tool catalog", name);
        }
        ObjectNode schema = built != null && built.schema() != null ? built.schema()
                : SCHEMAS.get(targetClass).computeIfAbsent(target, key -> {
                    ObjectNode generated = ToolSchemaGenerator.standard().inputSchema(targetClass, target);
                    if (annotation.method() == ToolMethod.GET) {
                        QueryArguments.narrowToQuery(generated);
                    }
                    return generated;
                }); // the definition takes its own copy
        return new ToolDefinition(name, description, annotation.method(), timeout, schema, target, targetClass);
    }

    /**
     * Checks a whole set of definitions, e.g. everything an application or build found: tool names
     * must be unique and there may be at most 20 ({@link ApiRules#MAX_TOOLS}), the platform's
     * per-account limit.
     *
     * @param definitions the definitions
     * @throws ToolDefinitionException naming both methods of a duplicate name, or listing the tools
     *     when there are too many
     */
    public static void requireValidSet(Collection<ToolDefinition> definitions) {
        Map<String, ToolDefinition> byName = new HashMap<>();
        for (ToolDefinition definition : definitions) {
            ToolDefinition previous = byName.putIfAbsent(definition.name(), definition);
            if (previous != null) {
                throw new ToolDefinitionException(definition.javaMethod().getDeclaringClass(),
                        definition.javaMethod(), "Two tools are named '" + definition.name() + "': "
                        + ToolMethods.describe(previous.targetClass(), previous.javaMethod()) + " and "
                        + ToolMethods.describe(definition.targetClass(), definition.javaMethod())
                        + ". Tool names must be unique; rename "
                        + "one with @FonellaTool(name = \"...\").");
            }
        }
        if (definitions.size() > ApiRules.MAX_TOOLS) {
            String names = definitions.stream().map(d -> d.name() + " (" + ToolMethods.describe(null, d.javaMethod())
                    + ")").sorted().collect(Collectors.joining(", "));
            throw new ToolDefinitionException(null, null, "Found " + definitions.size() + " tools, but Fonella accepts "
                    + "at most " + ApiRules.MAX_TOOLS + " per account: " + names + ". Merge related tools or move "
                    + "some to another application.");
        }
    }

    /**
     * The {@link FonellaTool} annotation that applies to a method: its own, or the one on the
     * nearest method it overrides in a superclass, or implements from an interface.
     *
     * @param targetClass the class serving the method
     * @param method the method
     * @return the annotation, if any
     */
    public static Optional<FonellaTool> findAnnotation(Class<?> targetClass, Method method) {
        return Optional.ofNullable(AnnotatedMethods.findAnnotation(targetClass, method, FonellaTool.class));
    }

    /**
     * The tool methods of a class as {@link #fromClass(Class)} finds them: for each method signature
     * the most specific non-bridge implementation, when it or a method it overrides is annotated.
     * The one decision of which methods are tools, used by the Spring Boot starter (on a bean's
     * user class) and the Maven plugin (on compiled classes) alike.
     *
     * @param toolClass the class
     * @return the methods, ordered by name and parameter count
     */
    public static List<Method> findToolMethods(Class<?> toolClass) {
        List<Method> tools = new ArrayList<>(AnnotatedMethods.find(toolClass, FonellaTool.class).keySet());
        tools.sort(Comparator.comparing(Method::getName).thenComparingInt(Method::getParameterCount)
                .thenComparing(m -> m.getDeclaringClass().getName()));
        return tools;
    }

    private static Method bridged(Method bridge) {
        for (Method candidate : bridge.getDeclaringClass().getDeclaredMethods()) {
            if (!candidate.isBridge() && candidate.getName().equals(bridge.getName())
                    && candidate.getParameterCount() == bridge.getParameterCount()
                    && bridge.getReturnType().isAssignableFrom(candidate.getReturnType())) {
                Class<?>[] a = candidate.getParameterTypes();
                Class<?>[] b = bridge.getParameterTypes();
                boolean assignable = true;
                for (int i = 0; i < a.length && assignable; i++) {
                    assignable = b[i].isAssignableFrom(a[i]);
                }
                if (assignable) {
                    return candidate;
                }
            }
        }
        return bridge;
    }
}
