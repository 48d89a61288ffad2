package ai.fonella.tool;

import ai.fonella.support.FonellaJson;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
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
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.PackageVersion;
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
 *     "source" : {
 *       "class" : "com.example.OrderTools",
 *       "method" : "lookupOrder",
 *       "fingerprint" : "3f2a...",
 *       "classes" : [ "com.example.OrderTools" ]
 *     }
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
 *     method's signature and the class files of the class serving it, its supertypes and every
 *     type its parameters reach ({@link #classesRead}), with fonella-core's schema-generation
 *     classes and the victools and Jackson versions. {@code source.classes} names those classes,
 *     but for fonella-core's own, which every fingerprint covers.</li>
 * <li>A schema is used for a running method only when the running method has the same fingerprint
 *     ({@link #schema}). That check reads the class files {@code source.classes} names and parses
 *     no annotation: when every one of them is unchanged, so is everything the walk that listed
 *     them would find, since it finds classes through the names their class files hold. Overloaded
 *     tool methods, which share {@code class} and {@code method}, are told apart by the
 *     fingerprint.</li>
 * </ul>
 */
public final class ToolCatalog {

    /** Where an app's build puts the document, on its class path. */
    public static final String RESOURCE = "META-INF/fonella/tools.json";

    private static final ToolCatalog EMPTY = new ToolCatalog(Map.of(), RESOURCE);

    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"));

    private static final JsonFactory JSON = new JsonFactory();

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /**
     * The SHA-256 of a class's class file when a catalog is written, read once per class: a tool
     * class's is shared by all its tools, and a record's by every tool that takes it. A native image
     * has no class files unless its hints ask for them; then no fingerprint matches, and schemas are
     * generated.
     */
    private static final ClassValue<Optional<byte[]>> CLASS_FILES = new ClassValue<>() {
        @Override
        protected Optional<byte[]> computeValue(Class<?> type) {
            return digest(type.getResourceAsStream(classFileName(type)));
        }
    };

    /**
     * What the schema generation itself is: fonella-core's classes that compute schemas, and the
     * versions of victools and Jackson, so that a catalog written by other rules is not used.
     */
    private static final List<Class<?>> GENERATOR = List.of(ToolSchemaGenerator.class, VictoolsGenerator.class,
            FixedTypeDefinitions.class, DeclarationOrder.class, QueryArguments.class, Annotations.class);

    private static final Set<String> GENERATOR_NAMES = GENERATOR.stream().map(Class::getName)
            .collect(Collectors.toUnmodifiableSet());

    /** The tools by class and method name; overloads share a name, and are told apart by fingerprint. */
    private final Map<String, List<JsonNode>> bySource;
    private final String origin;

    /** The SHA-256 of each class file a fingerprint was checked against, by class name. */
    private final Map<String, Optional<byte[]>> classFiles = new ConcurrentHashMap<>();

    private ToolCatalog(Map<String, List<JsonNode>> bySource, String origin) {
        this.bySource = bySource;
        this.origin = origin;
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
            Set<Class<?>> classes = classesRead(definition.targetClass(), definition.javaMethod());
            source.put("fingerprint", fingerprint(definition.targetClass(), definition.javaMethod(), classes));
            ArrayNode names = source.putArray("classes");
            classes.stream().map(Class::getName).filter(name -> !GENERATOR_NAMES.contains(name)).forEach(names::add);
        });
        String json = FonellaJson.mapper().writer().with(PRETTY).writeValueAsString(document);
        return (json + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The document on a class path at {@value #RESOURCE}, if any, with the class files its
     * fingerprints cover already read from there and digested: {@link #schema} then has only a
     * digest of digests to compute per tool. This reads resources and loads no class, so it may
     * run on a thread of its own while the app starts.
     *
     * @param classLoader where to look
     * @return the catalog; empty when there is none
     * @throws IllegalStateException when there is one and it cannot be read
     */
    public static ToolCatalog load(ClassLoader classLoader) {
        ToolCatalog catalog;
        try (InputStream in = classLoader.getResourceAsStream(RESOURCE)) {
            catalog = in == null ? EMPTY : read(in.readAllBytes(), RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE + " from the class path", e);
        }
        catalog.bySource.values().stream().flatMap(List::stream).forEach(tool -> catalog.classNames(tool)
                .forEach(name -> catalog.classFile(name, classLoader)));
        return catalog;
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
            if (first != null && parser.nextToken() != null) {
                throw new IllegalStateException("content after the document's end");
            }
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
        return new ToolCatalog(Map.copyOf(bySource), origin);
    }

    /**
     * The tree of the value at the parser's current token, read with jackson-core alone: a catalog
     * is read when an app starts, and building a mapper in a fresh JVM costs several times the
     * parse. Nodes are those of the wire mapper's {@code readTree}, but for a decimal that a
     * {@code double} would not write back as written ({@code 0.10}, {@code 1E+2}, more digits than a
     * double holds): that stays a {@code BigDecimal}, as the generated schema held it, so that the
     * schema writes the bytes it was generated with.
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
            case VALUE_NUMBER_FLOAT -> Double.toString(parser.getDoubleValue()).equals(parser.getString())
                    ? NODES.numberNode(parser.getDoubleValue()) : NODES.numberNode(parser.getDecimalValue());
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
        String unreadable = null;
        for (JsonNode tool : candidates) {
            SortedMap<String, Optional<byte[]>> files = new TreeMap<>();
            classNames(tool).forEach(name -> files.put(name, classFile(name, targetClass.getClassLoader())));
            String running = fingerprint(targetClass, method, files);
            if (running.equals(tool.path("source").path("fingerprint").asString())) {
                return new Lookup(((ObjectNode) tool.get("inputSchema")).deepCopy(), null);
            }
            if (running.isEmpty()) {
                unreadable = files.entrySet().stream().filter(file -> file.getValue().isEmpty()).findFirst()
                        .orElseThrow().getKey();
            }
        }
        return new Lookup(null, unreadable != null
                ? "the class file of " + unreadable + ", which its schema in " + origin + " was computed from, "
                        + "cannot be read (the class is gone, or it is not on this class path as a resource)"
                : "the method, a type it takes or the schema generation changed since " + origin + " was written");
    }

    /** The classes a tool's fingerprint covers, by name: fonella-core's and those the document lists. */
    private Set<String> classNames(JsonNode tool) {
        Set<String> names = new TreeSet<>(GENERATOR_NAMES);
        tool.path("source").path("classes").forEach(name -> names.add(name.asString()));
        return names;
    }

    private Optional<byte[]> classFile(String className, ClassLoader classLoader) {
        return classFiles.computeIfAbsent(className, name -> digest(
                (classLoader != null ? classLoader : ClassLoader.getSystemClassLoader())
                        .getResourceAsStream(name.replace('.', '/') + ".class")));
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
     * @return lowercase hex SHA-256, or the empty string when a class file cannot be read (which no
     *     catalog entry matches)
     */
    public static String fingerprint(Class<?> targetClass, Method method) {
        return fingerprint(targetClass, method, classesRead(targetClass, method));
    }

    private static String fingerprint(Class<?> targetClass, Method method, Set<Class<?>> classes) {
        SortedMap<String, Optional<byte[]>> files = new TreeMap<>();
        classes.forEach(type -> files.put(type.getName(), CLASS_FILES.get(type)));
        return fingerprint(targetClass, method, files);
    }

    /**
     * The one computation of a fingerprint, from the SHA-256 of each class file by class name,
     * whether the classes were found by {@link #classesRead} or named by a catalog.
     */
    private static String fingerprint(Class<?> targetClass, Method method, SortedMap<String, Optional<byte[]>> files) {
        MessageDigest digest = sha256();
        digest.update(("victools " + SchemaGenerator.class.getPackage().getImplementationVersion() + "\njackson "
                + PackageVersion.VERSION + "\n" + targetClass.getName() + "#" + method.toGenericString() + "\n")
                .getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<String, Optional<byte[]>> file : files.entrySet()) {
            if (file.getValue().isEmpty()) {
                return "";
            }
            digest.update((file.getKey() + "\n").getBytes(StandardCharsets.UTF_8));
            digest.update(file.getValue().get());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The SHA-256 of a class file, or nothing when there is none to read. */
    private static Optional<byte[]> digest(InputStream classFile) {
        try (InputStream in = classFile) {
            return in == null ? Optional.empty() : Optional.of(sha256().digest(in.readAllBytes()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * The classes whose class files a tool's {@linkplain #fingerprint fingerprint} covers: the class
     * serving it and its supertypes (where the method, its annotations and its generic context are
     * declared), and every class its parameters reach through type arguments, record components,
     * fields, supertypes, an enum constant's body, annotation types other than the platform's
     * (composed constraints, annotation bundles) and the classes annotations name (subtypes, naming
     * strategies), except the platform's own. A class file holds signatures, parameter names, the
     * annotations of fields, methods, parameters and type uses, enum constants, methods such as
     * {@code @JsonValue}, and Kotlin's metadata. What changes in them, even where no schema changes,
     * makes the build's schema unused, and the schema is generated as without a catalog. With them,
     * fonella-core's own schema-generation classes. Not covered: code in other classes that such a
     * method calls, and mix-ins or modules configured on a mapper.
     *
     * @param targetClass the class serving the tool
     * @param method the tool method
     * @return the classes, ordered by name
     */
    public static Set<Class<?>> classesRead(Class<?> targetClass, Method method) {
        Set<Class<?>> reached = new HashSet<>();
        annotations(method.getAnnotations(), reached);
        for (Parameter parameter : method.getParameters()) {
            annotations(parameter.getAnnotations(), reached);
            reach(parameter.getParameterizedType(), reached);
        }
        Set<Class<?>> ordered = new TreeSet<>(Comparator.comparing(Class::getName));
        ordered.addAll(GENERATOR);
        hierarchy(targetClass, ordered, reached);
        ordered.addAll(reached);
        return ordered;
    }

    /** A class serving tools and its supertypes, and what their type arguments reach; not its fields. */
    private static void hierarchy(Class<?> type, Set<Class<?>> classes, Set<Class<?>> reached) {
        if (type == null || isPlatform(type) || !classes.add(type)) {
            return;
        }
        List<Type> supertypes = new ArrayList<>(Arrays.asList(type.getGenericInterfaces()));
        supertypes.add(type.getGenericSuperclass());
        for (Type supertype : supertypes) {
            if (supertype instanceof ParameterizedType parameterized) {
                Arrays.stream(parameterized.getActualTypeArguments()).forEach(argument -> reach(argument, reached));
                hierarchy((Class<?>) parameterized.getRawType(), classes, reached);
            } else if (supertype instanceof Class<?> raw) {
                hierarchy(raw, classes, reached);
            }
        }
    }

    private static void reach(Type type, Set<Class<?>> classes) {
        if (type instanceof ParameterizedType parameterized) {
            reach(parameterized.getRawType(), classes);
            Arrays.stream(parameterized.getActualTypeArguments()).forEach(argument -> reach(argument, classes));
        } else if (type instanceof GenericArrayType array) {
            reach(array.getGenericComponentType(), classes);
        } else if (type instanceof WildcardType wildcard) {
            Arrays.stream(wildcard.getUpperBounds()).forEach(bound -> reach(bound, classes));
            Arrays.stream(wildcard.getLowerBounds()).forEach(bound -> reach(bound, classes));
        } else if (type instanceof TypeVariable<?> variable) {
            Arrays.stream(variable.getBounds()).forEach(bound -> reach(bound, classes));
        } else if (type instanceof Class<?> raw) {
            if (raw.isArray()) {
                reach(raw.getComponentType(), classes);
            } else if (!raw.isPrimitive() && !isPlatform(raw) && classes.add(raw)) {
                annotations(raw.getAnnotations(), classes);
                for (Field field : raw.getDeclaredFields()) { // a record's components are its fields too
                    if (!Modifier.isStatic(field.getModifiers())) {
                        annotations(field.getAnnotations(), classes);
                        reach(field.getGenericType(), classes);
                    }
                }
                Arrays.stream(raw.getDeclaredMethods()).forEach(m -> annotations(m.getAnnotations(), classes));
                Arrays.stream(raw.getNestMembers()).filter(member -> member.getSuperclass() == raw)
                        .forEach(member -> reach(member, classes)); // an enum constant's body, with its methods
                reach(raw.getGenericSuperclass(), classes);
                Arrays.stream(raw.getGenericInterfaces()).forEach(contract -> reach(contract, classes));
            }
        }
    }

    /**
     * The annotation types that are not the platform's (a composed constraint, an annotation bundle
     * such as {@code @JacksonAnnotationsInside}), and the classes their members name
     * ({@code @JsonSubTypes}' subtypes, a {@code @JsonNaming} strategy).
     */
    private static void annotations(Annotation[] annotations, Set<Class<?>> classes) {
        for (Annotation annotation : annotations) {
            Class<? extends Annotation> type = annotation.annotationType();
            if (isPlatform(type) || type.getName().startsWith("com.fasterxml.jackson.annotation.")
                    || type.getName().startsWith("jakarta.validation.constraints.")) {
                members(annotation, classes); // the platform's own annotations still name the app's classes
                continue;
            }
            if (classes.add(type)) {
                annotations(type.getAnnotations(), classes);
                members(annotation, classes);
            }
        }
    }

    private static void members(Annotation annotation, Set<Class<?>> classes) {
        for (Method member : annotation.annotationType().getDeclaredMethods()) {
            Class<?> returned = member.getReturnType();
            Class<?> element = returned.isArray() ? returned.getComponentType() : returned;
            if (element != Class.class && !element.isAnnotation()) {
                continue;
            }
            Object value;
            try {
                member.setAccessible(true);
                value = member.invoke(annotation);
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                continue; // a member naming a missing class: the class file that names it still counts
            }
            for (Object item : value instanceof Object[] array ? array : new Object[] {value}) {
                if (item instanceof Class<?> named) {
                    reach(named, classes);
                } else if (item instanceof Annotation nested) {
                    annotations(new Annotation[] {nested}, classes);
                }
            }
        }
    }

    private static boolean isPlatform(Class<?> type) {
        String name = type.getName();
        return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.")
                || name.startsWith("kotlin.");
    }

    /** The name of a class's class file, relative to its package, as {@link Class#getResourceAsStream} takes it. */
    private static String classFileName(Class<?> type) {
        String name = type.getName();
        return name.substring(name.lastIndexOf('.') + 1) + ".class";
    }

    private static String key(String className, String methodName) {
        return className + "#" + methodName;
    }
}
