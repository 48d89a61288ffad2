package ai.fonella.tool;

import ai.fonella.internal.KotlinSupport;
import ai.fonella.support.FonellaJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.Proxy;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Tool definitions as one JSON document: what {@code fonella:export} writes for review, and what
 * Spring AOT writes into the build output ({@value #RESOURCE}) so that an app need not generate its
 * schemas when it starts. One format, written by {@link #render} alone.
 *
 * <pre>
 * {
 *   "tools" : [ {
 *     "name" : "lookupOrder",
 *     "description" : "Looks up an order by its number.",
 *     "method" : "POST",
 *     "url" : "https://shop.example.com/fonella/tools/lookupOrder",
 *     "inputSchema" : { ... },
 *     "source" : { "class" : "com.example.OrderTools", "method" : "lookupOrder", "fingerprint" : "3f2a..." }
 *   } ]
 * }
 * </pre>
 *
 * <ul>
 * <li>Tools are ordered by name, fields as above; the same classes give the same bytes on every
 *     machine (two-space indentation, {@code \n} line ends, a final newline, no timestamp).</li>
 * <li>{@code url} is present only when the writer knows where the app serves its tools.</li>
 * <li>Headers are never written: they carry the tool secret.</li>
 * <li>{@code inputSchema} is written by fonella-core's wire mapper ({@link FonellaJson#mapper()}),
 *     the one the client sends it with: read back and written compactly, it gives exactly the bytes
 *     of {@code POST /v1/tools}.</li>
 * <li>{@code source.fingerprint} is a SHA-256 over everything the schema is computed from: the
 *     method's signature, parameter names and annotations, and the structure of every type its
 *     parameters reach (record components, fields, enum constants, their annotations). A schema is
 *     used for a running method only when the running method has the same fingerprint
 *     ({@link #schema}); overloaded tool methods, which share {@code class} and {@code method},
 *     are told apart by it.</li>
 * </ul>
 */
public final class ToolCatalog {

    /** Where an app's build puts the document, on its class path. */
    public static final String RESOURCE = "META-INF/fonella/tools.json";

    private static final ToolCatalog EMPTY = new ToolCatalog(Map.of(), RESOURCE, Map.of());

    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"));

    private static final JsonFactory JSON = new JsonFactory();

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The tools by class and method name; overloads share a name, and are told apart by fingerprint. */
    private final Map<String, List<JsonNode>> bySource;
    private final String origin;
    /** Fingerprints of running methods computed ahead ({@link #loadAndFingerprint}). */
    private final Map<Source, String> fingerprints;

    private ToolCatalog(Map<String, List<JsonNode>> bySource, String origin, Map<Source, String> fingerprints) {
        this.bySource = bySource;
        this.origin = origin;
        this.fingerprints = fingerprints;
    }

    /** A running tool method, as the class that serves it. */
    private record Source(Class<?> targetClass, Method method) {
    }

    /**
     * Renders the document.
     *
     * @param definitions the definitions, in any order
     * @param toolUrl the URL a tool is served at, by name, or {@code null} to leave out {@code url}
     * @return the UTF-8 bytes of the document, ending with a newline
     */
    public static byte[] render(List<ToolDefinition> definitions, Function<String, String> toolUrl) {
        ObjectNode document = FonellaJson.mapper().createObjectNode();
        ArrayNode tools = document.putArray("tools");
        definitions.stream().sorted(Comparator.comparing(ToolDefinition::name)).forEach(definition -> {
            ObjectNode tool = tools.addObject();
            tool.put("name", definition.name());
            tool.put("description", definition.description());
            tool.put("method", definition.httpMethod().name());
            if (toolUrl != null) {
                tool.put("url", toolUrl.apply(definition.name()));
            }
            tool.set("inputSchema", definition.inputSchema());
            ObjectNode source = tool.putObject("source");
            source.put("class", definition.targetClass().getName());
            source.put("method", definition.javaMethod().getName());
            source.put("fingerprint", fingerprint(definition.targetClass(), definition.javaMethod()));
        });
        String json = FonellaJson.mapper().writer().with(PRETTY).writeValueAsString(document);
        return (json + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The document on a class path at {@value #RESOURCE}, if any.
     *
     * @param classLoader where to look
     * @return the catalog; empty when there is none
     * @throws IllegalStateException when there is one and it cannot be read
     */
    public static ToolCatalog load(ClassLoader classLoader) {
        try (InputStream in = classLoader.getResourceAsStream(RESOURCE)) {
            return in == null ? EMPTY : read(in.readAllBytes(), RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE + " from the class path", e);
        }
    }

    /**
     * As {@link #load}, and computes the fingerprints of the running methods that the catalog names,
     * so that the lookups that follow only compare them. Meant for a thread of its own while an app
     * starts, as the Spring Boot starter runs it: classes are looked up without being initialized,
     * and a class that cannot be found or read is left for its lookup, which says why.
     *
     * @param classLoader where to look for the document and the classes
     * @return the catalog; empty when there is none
     * @throws IllegalStateException when there is one and it cannot be read
     */
    public static ToolCatalog loadAndFingerprint(ClassLoader classLoader) {
        ToolCatalog catalog = load(classLoader);
        Map<Source, String> computed = new HashMap<>();
        for (String className : catalog.bySource.values().stream()
                .map(tools -> tools.get(0).path("source").path("class").asString()).distinct().toList()) {
            try {
                Class<?> type = Class.forName(className, false, classLoader);
                for (Method method : ToolDefinitions.findToolMethods(type)) {
                    if (catalog.bySource.containsKey(key(className, method.getName()))) {
                        computed.put(new Source(type, method), fingerprint(type, method));
                    }
                }
            } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
                // its lookup computes the fingerprint itself, or reports the method as not there
            }
        }
        return new ToolCatalog(catalog.bySource, catalog.origin, Map.copyOf(computed));
    }

    /**
     * Reads a document that {@link #render} wrote.
     *
     * @param document its bytes
     * @param origin where it came from, for messages
     * @return the catalog
     * @throws IllegalStateException when it is not such a document
     */
    public static ToolCatalog read(byte[] document, String origin) {
        JsonNode tools;
        try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), document)) {
            JsonToken first = parser.nextToken();
            tools = (first == null ? NODES.missingNode() : tree(parser, first)).path("tools");
        } catch (RuntimeException e) {
            throw new IllegalStateException(origin + " is not a Fonella tool catalog (not JSON); delete it, or "
                    + "rebuild the app so that it is written again.", e);
        }
        Map<String, List<JsonNode>> bySource = new HashMap<>();
        for (JsonNode tool : tools) {
            JsonNode source = tool.path("source");
            if (tool.path("inputSchema").isObject() && source.path("fingerprint").isString()) {
                bySource.computeIfAbsent(key(source.path("class").asString(), source.path("method").asString()),
                        k -> new ArrayList<>()).add(tool);
            }
        }
        return new ToolCatalog(Map.copyOf(bySource), origin, Map.of());
    }

    /**
     * The tree of the value at the parser's current token, as the wire mapper's {@code readTree}
     * builds it (the same node for every number), read with jackson-core alone: a catalog is read
     * when an app starts, and building a mapper in a fresh JVM costs several times the parse.
     */
    private static JsonNode tree(JsonParser parser, JsonToken token) {
        return switch (token) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                for (String name = parser.nextName(); name != null; name = parser.nextName()) {
                    object.set(name, tree(parser, parser.nextToken()));
                }
                yield object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                    array.add(tree(parser, next));
                }
                yield array;
            }
            case VALUE_STRING -> NODES.stringNode(parser.getString());
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT -> NODES.numberNode(parser.getIntValue());
                case LONG -> NODES.numberNode(parser.getLongValue());
                default -> NODES.numberNode(parser.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDoubleValue());
            case VALUE_TRUE, VALUE_FALSE -> NODES.booleanNode(token == JsonToken.VALUE_TRUE);
            case VALUE_NULL -> NODES.nullNode();
            default -> throw new IllegalStateException("unexpected " + token + " in a tool catalog");
        };
    }

    /**
     * Whether the catalog holds no tool.
     *
     * @return {@code true} when empty
     */
    public boolean isEmpty() {
        return bySource.isEmpty();
    }

    /**
     * The schema computed for a method when the catalog was written, if it still describes it.
     *
     * @param targetClass the class serving the tool
     * @param method the tool method
     * @return the schema, or why there is none to use
     */
    public Lookup schema(Class<?> targetClass, Method method) {
        List<JsonNode> candidates = bySource.get(key(targetClass.getName(), method.getName()));
        if (candidates == null) {
            return new Lookup(null, origin + " has no schema for " + targetClass.getName() + "#" + method.getName());
        }
        String running = fingerprints.get(new Source(targetClass, method));
        if (running == null) {
            running = fingerprint(targetClass, method);
        }
        for (JsonNode tool : candidates) {
            if (running.equals(tool.path("source").path("fingerprint").asString())) {
                return new Lookup(((ObjectNode) tool.get("inputSchema")).deepCopy(), null);
            }
        }
        return new Lookup(null, "the method or a type it takes changed since " + origin + " was written");
    }

    /**
     * The result of {@link #schema}.
     *
     * @param schema the schema, or {@code null}
     * @param whyNot why there is no schema, or {@code null}
     */
    public record Lookup(ObjectNode schema, String whyNot) {
    }

    /**
     * The fingerprint of everything a tool's schema is computed from (see the class description).
     *
     * @param targetClass the class serving the tool
     * @param method the tool method
     * @return lowercase hex SHA-256
     */
    public static String fingerprint(Class<?> targetClass, Method method) {
        StringBuilder text = new StringBuilder();
        Package core = ToolCatalog.class.getPackage();
        text.append("fonella-core ").append(core == null ? "" : Objects.toString(core.getImplementationVersion(), ""))
                .append('\n').append(targetClass.getName()).append('#').append(method.toGenericString()).append('\n');
        ToolDefinitions.findAnnotation(targetClass, method).ifPresent(found -> annotation(text, found));
        annotations(text, method.getAnnotations());
        if (KotlinSupport.isKotlinType(method.getDeclaringClass())) {
            // nullability and default values live in the class's kotlin.Metadata, not in the Java signature
            annotations(text, method.getDeclaringClass().getAnnotations());
        }
        Set<Type> seen = new HashSet<>();
        for (Parameter parameter : method.getParameters()) {
            text.append("\nparameter ").append(parameter.getName()).append(' ');
            annotations(text, parameter.getAnnotations());
            type(text, parameter.getParameterizedType(), seen);
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static void type(StringBuilder text, Type type, Set<Type> seen) {
        text.append(type.getTypeName()).append(';');
        if (!seen.add(type)) {
            return;
        }
        if (type instanceof ParameterizedType parameterized) {
            type(text, parameterized.getRawType(), seen);
            for (Type argument : parameterized.getActualTypeArguments()) {
                type(text, argument, seen);
            }
        } else if (type instanceof GenericArrayType array) {
            type(text, array.getGenericComponentType(), seen);
        } else if (type instanceof WildcardType wildcard) {
            Arrays.stream(wildcard.getUpperBounds()).forEach(bound -> type(text, bound, seen));
        } else if (type instanceof Class<?> raw) {
            if (raw.isArray()) {
                type(text, raw.getComponentType(), seen);
            } else if (!raw.isPrimitive() && !raw.getName().startsWith("java.")) {
                structure(text, raw, seen);
            }
        }
    }

    private static void structure(StringBuilder text, Class<?> raw, Set<Type> seen) {
        text.append('{');
        annotations(text, raw.getAnnotations());
        if (raw.isEnum()) {
            for (Field constant : raw.getDeclaredFields()) {
                if (constant.isEnumConstant()) {
                    text.append(constant.getName());
                    annotations(text, constant.getAnnotations());
                    text.append(',');
                }
            }
        } else if (raw.isRecord()) {
            for (RecordComponent component : raw.getRecordComponents()) {
                text.append(component.getName()).append(':');
                annotations(text, component.getAnnotations());
                annotations(text, component.getAccessor().getAnnotations());
                type(text, component.getGenericType(), seen);
            }
        } else {
            for (Field field : raw.getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers())) {
                    text.append(field.getName()).append(':');
                    annotations(text, field.getAnnotations());
                    type(text, field.getGenericType(), seen);
                }
            }
            if (raw.getSuperclass() != null) {
                type(text, raw.getGenericSuperclass(), seen);
            }
        }
        text.append('}');
    }

    private static void annotations(StringBuilder text, Annotation[] annotations) {
        Arrays.stream(annotations).sorted(Comparator.comparing(a -> a.annotationType().getName()))
                .forEach(annotation -> annotation(text, annotation));
    }

    /**
     * Annotations by their members, not by {@code toString()}, whose form changes between JDKs. The
     * JDK's annotations are proxies: their members are read from the proxy's handler, which keeps
     * them in a map, rather than with {@link Method#invoke}, which in a fresh JVM generates an
     * accessor class per member called often enough (one per member of every annotation in a tool's
     * signature and types).
     */
    private static void annotation(StringBuilder text, Annotation annotation) {
        text.append('@').append(annotation.annotationType().getName()).append('(');
        Method[] members = annotation.annotationType().getDeclaredMethods();
        Arrays.sort(members, Comparator.comparing(Method::getName));
        InvocationHandler handler = null;
        if (Proxy.isProxyClass(annotation.getClass())) {
            try {
                handler = Proxy.getInvocationHandler(annotation);
            } catch (SecurityException e) {
                // a security manager that guards the JDK's annotation handler: read members reflectively
            }
        }
        for (Method member : members) {
            try {
                text.append(member.getName()).append('=');
                if (handler != null) {
                    value(text, handler.invoke(annotation, member, null));
                } else {
                    member.setAccessible(true);
                    value(text, member.invoke(annotation));
                }
                text.append(',');
            } catch (Error e) {
                throw e;
            } catch (Throwable e) { // a member whose value cannot be read (e.g. a missing class) counts as such
                text.append('?');
            }
        }
        text.append(')');
    }

    private static void value(StringBuilder text, Object value) {
        if (value instanceof Annotation nested) {
            annotation(text, nested);
        } else if (value instanceof Class<?> type) {
            text.append(type.getName());
        } else if (value instanceof Object[] array) {
            text.append('[');
            for (Object element : array) {
                value(text, element);
                text.append(',');
            }
            text.append(']');
        } else if (value != null && value.getClass().isArray()) {
            int length = java.lang.reflect.Array.getLength(value);
            text.append('[');
            for (int i = 0; i < length; i++) {
                text.append(java.lang.reflect.Array.get(value, i)).append(',');
            }
            text.append(']');
        } else {
            text.append('"').append(value).append('"');
        }
    }

    private static String key(String className, String methodName) {
        return className + "#" + methodName;
    }
}
