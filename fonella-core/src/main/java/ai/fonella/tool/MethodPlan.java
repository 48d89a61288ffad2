package ai.fonella.tool;

import ai.fonella.internal.KotlinSupport;
import ai.fonella.internal.MethodCall;
import ai.fonella.internal.Types;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Everything resolved per tool method so that an invocation does no reflective look-up: the
 * {@link MethodCall}, one binder per parameter with its {@link ObjectReader}, the schema check and
 * the query conversion, all derived from the same {@link ToolParameters} and input schema as the
 * registered definition. The method handle and the readers are made on the first call that needs
 * them, not when the tool is prepared, which keeps them off the application's startup. Thread-safe.
 * Not part of the public API.
 */
final class MethodPlan {

    private final Method method;
    private final MethodCall call;
    private final Binder[] binders;
    private final QueryArguments query;
    private final SchemaCheck check;
    private final boolean takesContext;

    private MethodPlan(Method method, MethodCall call, Binder[] binders, QueryArguments query, SchemaCheck check) {
        this.method = method;
        this.check = check;
        this.call = call;
        this.binders = binders;
        this.query = query;
        this.takesContext = Arrays.stream(binders).anyMatch(binder -> binder == null);
    }

    /**
     * Whether the method has a {@code ToolCallContext} parameter (one without a binder).
     *
     * @return {@code true} if a context is injected
     */
    public boolean takesContext() {
        return takesContext;
    }

    /**
     * Resolves the plan of a tool method.
     *
     * @param parameters the analysed parameters of the annotated method
     * @param invocationMethod the method to call: the annotated one, or the same method found on a
     *     proxy class
     * @param inputSchema the tool's input schema
     * @param mapper the argument mapper
     * @return the plan
     * @throws IllegalStateException when the method cannot be made accessible
     */
    public static MethodPlan create(ToolParameters parameters, Method invocationMethod, ObjectNode inputSchema,
            JsonMapper mapper) {
        List<ToolParameters.Param> params = parameters.parameters();
        Binder[] binders = new Binder[params.size()];
        for (ToolParameters.Param param : params) {
            binders[param.index()] = switch (param.kind()) {
                case CONTEXT -> null;
                case ARGUMENTS_OBJECT -> new Binder(param, "", mapper);
                case ARGUMENT -> new Binder(param, param.name(), mapper);
            };
        }
        return new MethodPlan(invocationMethod, MethodCall.of(invocationMethod, parameters.kotlin()), binders,
                QueryArguments.compile(inputSchema), SchemaCheck.compile(inputSchema, inputSchema));
    }

    /**
     * Binds the arguments object to the method's parameters.
     *
     * @param arguments the arguments object
     * @param context the context for {@link ToolCallContext} parameters
     * @return the parameter values
     * @throws ToolArgumentException naming the offending argument
     */
    public Object[] bind(ObjectNode arguments, ToolCallContext context) {
        check.check(arguments, "");
        Object[] values = new Object[binders.length];
        for (int i = 0; i < binders.length; i++) {
            Binder binder = binders[i];
            values[i] = binder == null ? context : binder.bind(arguments);
        }
        return values;
    }

    /**
     * Calls the method.
     *
     * @param target the object to call it on ({@code null} for a static method)
     * @param arguments the bound parameter values
     * @return the return value ({@code null} for {@code void})
     * @throws Exception whatever the method throws (a checked throwable that is not an
     *     {@code Exception} arrives wrapped in an {@code UndeclaredThrowableException})
     */
    Object invoke(Object target, Object[] arguments) throws Exception {
        return call.call(target, arguments); // Kotlin: defaults for absent arguments, suspend as a future
    }

    /**
     * The query parameter conversion for {@code GET} calls.
     *
     * @return the conversion
     */
    public QueryArguments query() {
        return query;
    }

    /**
     * The method called.
     *
     * @return the method
     */
    public Method method() {
        return method;
    }

    /** Binds one parameter. */
    private static final class Binder {

        private enum Fast { NONE, STRING, INT, LONG, BOOLEAN, DOUBLE, ENUM }

        private final String path;
        private final boolean whole;
        private final boolean required;
        private final boolean defaulted;
        private final Object missingValue;
        private final Type type;
        private final JsonMapper mapper;
        /** Made on the first argument that needs Jackson, not at startup: Spring MVC's way too. */
        private volatile ObjectReader reader;
        private final Fast fast;
        /**
         * An enum parameter's constants by the text that bound to them, filled as texts arrive; at
         * most as many entries as the enum has constants (the schema check admits only their names
         * when the schema lists them), so a stream of other spellings cannot grow it.
         */
        private final Map<String, Object> constants;
        private final int constantLimit;

        Binder(ToolParameters.Param param, String path, JsonMapper mapper) {
            this.path = path;
            this.whole = param.kind() == ToolParameters.Kind.ARGUMENTS_OBJECT;
            this.required = param.required();
            this.defaulted = param.defaulted();
            this.missingValue = missingValue(param.type());
            this.type = param.type();
            this.mapper = mapper;
            this.fast = fast(param.type());
            this.constants = fast == Fast.ENUM ? new ConcurrentHashMap<>() : null;
            this.constantLimit = fast == Fast.ENUM ? ((Class<?>) param.type()).getEnumConstants().length : 0;
        }

        Object bind(ObjectNode arguments) {
            JsonNode node = whole ? arguments : arguments.get(path);
            if (node == null || node.isNull()) {
                if (required) {
                    throw SchemaCheck.missing(path);
                }
                return defaulted ? KotlinSupport.ABSENT : missingValue;
            }
            try {
                switch (fast) {
                    case STRING:
                        if (node.isString()) {
                            return node.stringValue();
                        }
                        break;
                    case INT:
                        if (node.isInt()) {
                            return node.intValue();
                        }
                        break;
                    case LONG:
                        if (node.isIntegralNumber() && node.canConvertToLong()) {
                            return node.longValue();
                        }
                        break;
                    case BOOLEAN:
                        if (node.isBoolean()) {
                            return node.booleanValue();
                        }
                        break;
                    case DOUBLE:
                        if (node.isNumber()) {
                            return node.doubleValue();
                        }
                        break;
                    case ENUM:
                        if (node.isString()) {
                            Object constant = constants.get(node.stringValue());
                            if (constant == null) {
                                constant = reader().readValue(node);
                                if (constant != null && constants.size() < constantLimit) {
                                    constants.put(node.stringValue(), constant);
                                }
                            }
                            return constant;
                        }
                        break;
                    default:
                        break;
                }
                return reader().readValue(node);
            } catch (JacksonException e) {
                throw ArgumentMessages.bindingFailed(path, e);
            }
        }

        private ObjectReader reader() {
            ObjectReader current = reader;
            if (current == null) {
                current = mapper.readerFor(mapper.constructType(type)); // a race makes two equal readers
                reader = current;
            }
            return current;
        }

        private static Fast fast(Type type) {
            if (type == String.class) {
                return Fast.STRING;
            }
            if (type == int.class || type == Integer.class) {
                return Fast.INT;
            }
            if (type == long.class || type == Long.class) {
                return Fast.LONG;
            }
            if (type == boolean.class || type == Boolean.class) {
                return Fast.BOOLEAN;
            }
            if (type == double.class || type == Double.class) {
                return Fast.DOUBLE;
            }
            if (type instanceof Class<?> raw && raw.isEnum()) {
                return Fast.ENUM;
            }
            return Fast.NONE;
        }

        private static Object missingValue(Type type) {
            Class<?> raw = Types.raw(type);
            if (raw == Optional.class) {
                return Optional.empty();
            }
            if (raw == OptionalInt.class) {
                return OptionalInt.empty();
            }
            if (raw == OptionalLong.class) {
                return OptionalLong.empty();
            }
            if (raw == OptionalDouble.class) {
                return OptionalDouble.empty();
            }
            if (raw == boolean.class) {
                return false;
            }
            if (raw == char.class) {
                return '\0';
            }
            if (raw == byte.class) {
                return (byte) 0;
            }
            if (raw == short.class) {
                return (short) 0;
            }
            if (raw == int.class) {
                return 0;
            }
            if (raw == long.class) {
                return 0L;
            }
            if (raw == float.class) {
                return 0f;
            }
            if (raw == double.class) {
                return 0d;
            }
            return null;
        }
    }
}
