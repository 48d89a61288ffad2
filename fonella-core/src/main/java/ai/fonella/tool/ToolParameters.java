package ai.fonella.tool;

import ai.fonella.internal.KotlinSupport;
import ai.fonella.internal.Types;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How the parameters of one tool method map to arguments: which are injected context, which are
 * named arguments, and whether a single record or bean parameter stands for the whole arguments
 * object. Computed once per method and used by both schema generation and binding, so the two
 * always agree. Not part of the public API.
 *
 * @param toolClass the class the method was found on
 * @param method the method
 * @param parameters one entry per method parameter, in order
 * @param flattened whether the only argument parameter is a record or bean whose properties are the
 *     top-level arguments
 * @param kotlin the Kotlin view of the method, {@code null} for Java; for a {@code suspend} function
 *     {@code parameters} leaves out the trailing {@code Continuation}
 */
record ToolParameters(Class<?> toolClass, Method method, List<Param> parameters, boolean flattened,
        KotlinSupport.Function kotlin) {

    /** Copies the parameter list. */
    public ToolParameters {
        parameters = List.copyOf(parameters);
    }

    /** The role of a method parameter. */
    public enum Kind {

        /** Receives the {@link ToolCallContext}; not in the schema. */
        CONTEXT,

        /** One named argument, a property of the arguments object. */
        ARGUMENT,

        /** Receives the whole arguments object (a record or bean whose properties are flattened). */
        ARGUMENTS_OBJECT
    }

    /**
     * One method parameter.
     *
     * @param index position in the method's parameter list
     * @param kind its role
     * @param name the argument name, {@code null} unless {@link Kind#ARGUMENT}
     * @param description the description, or {@code null}
     * @param required whether the argument must be present
     * @param type the parameter's type, resolved against the tool class
     * @param schemaType the type the schema describes: {@code type} with {@code Optional} unwrapped
     * @param parameter the reflective parameter
     * @param defaulted whether it is a Kotlin parameter with a default value, which applies when the
     *     argument is absent or {@code null}
     */
    public record Param(int index, Kind kind, String name, String description, boolean required, Type type,
            Type schemaType, Parameter parameter, boolean defaulted) {
    }

    /**
     * Analyses a tool method.
     *
     * @param toolClass the class the method was found on, used to resolve type variables and named
     *     in messages
     * @param method the method
     * @return the analysis
     * @throws ToolDefinitionException naming class and method when a parameter cannot be bound or
     *     has no name
     */
    public static ToolParameters of(Class<?> toolClass, Method method) {
        KotlinSupport.Function kotlin;
        try {
            kotlin = KotlinSupport.function(method);
        } catch (IllegalStateException e) {
            throw new ToolDefinitionException(toolClass, method, "Tool method " + ToolMethods.describe(toolClass,
                    method) + " cannot be read: " + e.getMessage());
        }
        Parameter[] reflected = method.getParameters();
        Type[] generic = method.getGenericParameterTypes();
        if (generic.length != reflected.length) {
            // inner-class constructors aside this cannot happen for methods; be safe
            generic = method.getParameterTypes();
        }
        if (kotlin != null && kotlin.valueParameterCount() < reflected.length) {
            // a suspend function's Continuation is the coroutine machinery, not an argument
            reflected = Arrays.copyOf(reflected, kotlin.valueParameterCount());
            generic = Arrays.copyOf(generic, kotlin.valueParameterCount());
        }
        List<Integer> argumentIndexes = new ArrayList<>();
        for (int i = 0; i < reflected.length; i++) {
            if (reflected[i].getType() != ToolCallContext.class) {
                argumentIndexes.add(i);
            }
        }
        boolean flatten = argumentIndexes.size() == 1 && isFlattenable(reflected[argumentIndexes.get(0)],
                Types.raw(Types.resolve(generic[argumentIndexes.get(0)], toolClass)));

        List<Param> params = new ArrayList<>(reflected.length);
        Map<String, Parameter> names = new HashMap<>();
        for (int i = 0; i < reflected.length; i++) {
            Parameter p = reflected[i];
            Type type = Types.resolve(generic[i], toolClass);
            if (p.getType() == ToolCallContext.class) {
                params.add(new Param(i, Kind.CONTEXT, null, null, false, type, type, p, false));
                continue;
            }
            ToolParam toolParam = p.getAnnotation(ToolParam.class);
            String description = description(p, toolParam);
            String problem = BindableTypeCheck.problem(type);
            String label = flatten ? "parameter " + (p.isNamePresent() ? "'" + p.getName() + "'" : "#" + (i + 1))
                    : null;
            if (flatten) {
                if (problem != null) {
                    throw unbindable(toolClass, method, label, type, problem);
                }
                params.add(new Param(i, Kind.ARGUMENTS_OBJECT, null, description, true, type, type, p, false));
                continue;
            }
            String name = name(toolClass, method, p, toolParam, i, kotlin);
            if (problem != null) {
                throw unbindable(toolClass, method, "parameter '" + name + "'", type, problem);
            }
            Parameter clash = names.putIfAbsent(name, p);
            if (clash != null) {
                throw new ToolDefinitionException(toolClass, method, "Tool method " + ToolMethods.describe(toolClass,
                        method) + " has two parameters named '" + name + "'. Give each argument a unique name with "
                        + "@ToolParam(name = \"...\").");
            }
            boolean defaulted = kotlin != null && kotlin.hasDefault(i);
            boolean required = required(toolParam, p, type, kotlin, i);
            params.add(new Param(i, Kind.ARGUMENT, name, description, required, type, Types.unwrapOptional(type), p,
                    defaulted));
        }
        return new ToolParameters(toolClass, method, params, flatten, kotlin);
    }

    /**
     * The parameters that are arguments, in order.
     *
     * @return the argument parameters
     */
    public List<Param> arguments() {
        return parameters.stream().filter(p -> p.kind() != Kind.CONTEXT).toList();
    }

    private static ToolDefinitionException unbindable(Class<?> toolClass, Method method, String label, Type type,
            String problem) {
        return new ToolDefinitionException(toolClass, method, "Tool method " + ToolMethods.describe(toolClass, method)
                + ": " + label + " of type " + Types.describe(type) + " cannot be bound from JSON arguments: "
                + problem);
    }

    private static String name(Class<?> toolClass, Method method, Parameter p, ToolParam toolParam, int index,
            KotlinSupport.Function kotlin) {
        String explicit = toolParam == null ? null : Annotations.text(toolParam.name());
        if (explicit == null) {
            JsonProperty jsonProperty = p.getAnnotation(JsonProperty.class);
            explicit = jsonProperty == null ? null : Annotations.text(jsonProperty.value());
        }
        if (explicit != null) {
            return explicit;
        }
        if (!p.isNamePresent() && kotlin != null && kotlin.name(index) != null) {
            return kotlin.name(index); // Kotlin keeps its names in its metadata, -java-parameters or not
        }
        if (!p.isNamePresent()) {
            throw new ToolDefinitionException(toolClass, method, "Tool method " + ToolMethods.describe(toolClass,
                    method) + ": the name of parameter #" + (index + 1) + " is not in the class file, so its "
                    + "argument cannot be named. Compile with -parameters (Maven: <parameters>true</parameters> "
                    + "in the maven-compiler-plugin configuration; Gradle: options.compilerArgs << '-parameters'), "
                    + "or name it with @ToolParam(name = \"...\").");
        }
        return p.getName();
    }

    private static String description(Parameter p, ToolParam toolParam) {
        String description = toolParam == null ? null : Annotations.text(toolParam.description());
        if (description == null) {
            JsonPropertyDescription jsonDescription = p.getAnnotation(JsonPropertyDescription.class);
            description = jsonDescription == null ? null : Annotations.text(jsonDescription.value());
        }
        return description;
    }

    private static boolean required(ToolParam toolParam, Parameter p, Type type, KotlinSupport.Function kotlin,
            int index) {
        ToolParam.Requirement requirement = toolParam == null ? ToolParam.Requirement.INFER : toolParam.required();
        return switch (requirement) {
            case REQUIRED -> true;
            case OPTIONAL -> false;
            case INFER -> kotlin != null ? !kotlin.nullable(index) && !kotlin.hasDefault(index)
                    : !Types.isOptional(type) && !Annotations.isNullable(p, p.getAnnotatedType());
        };
    }

    /**
     * Whether a lone parameter is a record or bean whose properties become the top-level arguments:
     * not when it carries an explicit {@code @ToolParam(name)}, and only for user types that Jackson
     * binds as JSON objects.
     */
    private static boolean isFlattenable(Parameter p, Class<?> resolvedType) {
        ToolParam toolParam = p.getAnnotation(ToolParam.class);
        if (toolParam != null && Annotations.text(toolParam.name()) != null) {
            return false;
        }
        if (p.getAnnotation(JsonProperty.class) != null) {
            return false;
        }
        return isObjectType(resolvedType);
    }

    /**
     * Whether a class is a record or bean, bound from a JSON object with properties.
     *
     * @param c the class
     * @return whether it is an object type
     */
    public static boolean isObjectType(Class<?> c) {
        if (c.isRecord()) {
            return true;
        }
        if (c.isPrimitive() || c.isArray() || c.isEnum() || c.isInterface() || Modifier.isAbstract(c.getModifiers())
                || c.isAnnotation()) {
            return false;
        }
        String name = c.getName();
        if (name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.")
                || name.startsWith("tools.jackson.") || name.startsWith("com.fasterxml.jackson.")) {
            return false;
        }
        return !(Collection.class.isAssignableFrom(c) || Map.class.isAssignableFrom(c)
                || CharSequence.class.isAssignableFrom(c) || Number.class.isAssignableFrom(c)
                || TemporalAccessor.class.isAssignableFrom(c));
    }
}
