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
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
 *       "classes" : [ "ai.fonella.tool.FonellaTool", "com.example.OrderTools" ]
 *     }
 *   } ],
 *   "generator" : {
 *     "classes" : [ "ai.fonella.tool.Annotations", ... ]
 *   }
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
 *     type its parameters reach ({@link #classesRead}), with fonella-core's schema-generation code
 *     and the victools and Jackson versions. {@code source.classes} names those classes, but for
 *     fonella-core's, which {@code generator.classes} names once for all tools: every class of
 *     fonella-core that its schema-generation classes reach.</li>
 * <li>{@code source.absent}, written only when there are any, names the classes that the tool's
 *     class files name but that had no class file when the document was written (an annotation in
 *     a {@code provided} jar). The JVM drops an annotation whose type it cannot load without a
 *     word, so such a class appearing later can change a schema. It is looked for through the
 *     class loader of the class serving the tool. Not checked: the optional
 *     libraries fonella-core looks for (Jakarta Validation, Kotlin's Jackson module), missing when
 *     the document was written and present when it is read; Spring AOT writes it with the class
 *     path the app runs with, and looking up a class that is missing reads every jar on it.</li>
 * <li>A schema is used for a running method only when the running method has the same fingerprint
 *     and the absent classes are still absent ({@link #schema}). That check reads the class files
 *     the document names, by name, and parses no annotation: when every one of them is unchanged
 *     and the absent ones are still absent, so is everything the walk that listed them would find,
 *     since it finds classes only through the names their class files hold. Overloaded tool
 *     methods, which share {@code class} and {@code method}, are told apart by the
 *     fingerprint.</li>
 * </ul>
 */
public final class ToolCatalog {

    /** Where an app's build puts the document, on its class path. */
    public static final String RESOURCE = "META-INF/fonella/tools.json";

    private static final ToolCatalog EMPTY = new ToolCatalog(Map.of(), Set.of(), RESOURCE);

    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"));

    private static final JsonFactory JSON = new JsonFactory();

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /**
     * A class's class file as a catalog is written, read once per class: a tool class's is shared
     * by all its tools, and a record's by every tool that takes it. Nothing when it cannot be read
     * (a native image has no class files unless its hints ask for them) or parsed (a class file
     * version this does not know): then the tool gets no fingerprint, and its schema is generated.
     * Absent classes are not told by prefix: {@code javax.annotation.Nullable} is no JDK class.
     */
    private static final ClassValue<Optional<ClassFile>> CLASS_FILES = new ClassValue<>() {
        @Override
        protected Optional<ClassFile> computeValue(Class<?> type) {
            ClassLoader loader = type.getClassLoader();
            return ClassFiles.read(type.getName(), loader).flatMap(bytes -> ClassFiles.namedClasses(bytes)
                    .map(named -> new ClassFile(ClassFiles.sha256(bytes), named.stream()
                            .filter(name -> !ClassFiles.exists(name, loader))
                            .collect(Collectors.toCollection(TreeSet::new)))));
        }
    };

    /**
     * Where fonella-core's schema generation starts; with the versions of victools and Jackson, what
     * the classes these reach are is what the schema generation is ({@link #generator}), so that a
     * catalog written by other rules is not used.
     */
    private static final List<Class<?>> GENERATOR_ENTRY_POINTS = List.of(ToolSchemaGenerator.class,
            VictoolsGenerator.class, FixedTypeDefinitions.class, DeclarationOrder.class, QueryArguments.class,
            Annotations.class);

    /** The tools by class and method name; overloads share a name, and are told apart by fingerprint. */
    private final Map<String, List<Entry>> bySource;
    /** The classes of fonella-core that computed the schemas, by name. */
    private final Set<String> generator;
    private final String origin;

    /** The SHA-256 of each class file a fingerprint was checked against, by class loader and name. */
    private final Map<Map.Entry<ClassLoader, String>, Optional<byte[]>> digests = new ConcurrentHashMap<>();
    /** Whether each class that was absent has a class file now, by class loader and name. */
    private final Map<Map.Entry<ClassLoader, String>, Boolean> present = new ConcurrentHashMap<>();

    private ToolCatalog(Map<String, List<Entry>> bySource, Set<String> generator, String origin) {
        this.bySource = bySource;
        this.generator = generator;
        this.origin = origin;
    }

    /**
     * A class file as {@link #render} reads it.
     *
     * @param sha256 its SHA-256
     * @param absent the classes it names that have no class file on its class path
     */
    private record ClassFile(byte[] sha256, Set<String> absent) {
    }

    /**
     * A tool of a document.
     *
     * @param inputSchema its schema
     * @param fingerprint its fingerprint; empty when its class files could not be read
     * @param classes the classes its fingerprint covers beside the generator, or {@code null} when the
     *     document was written by a version that did not list them
     * @param absent the classes that had no class file when it was written
     */
    private record Entry(ObjectNode inputSchema, String fingerprint, Set<String> classes, Set<String> absent) {
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
        Set<String> generatorNames = generator().stream().map(Class::getName).collect(Collectors.toSet());
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
            List<Class<?>> own = classes.stream().filter(type -> !generatorNames.contains(type.getName())).toList();
            ArrayNode names = source.putArray("classes");
            own.forEach(type -> names.add(type.getName()));
            Set<String> absent = new TreeSet<>(); // the classes these name that had no class file
            own.forEach(type -> CLASS_FILES.get(type).ifPresent(file -> absent.addAll(file.absent())));
            if (!absent.isEmpty()) {
                absent.forEach(source.putArray("absent")::add);
            }
        });
        ObjectNode generator = document.putObject("generator");
        new TreeSet<>(generatorNames).forEach(generator.putArray("classes")::add);

        String json = FonellaJson.mapper().writer().with(PRETTY).writeValueAsString(document);
        return (json + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The document on a class path at {@value #RESOURCE}, if any, with the class files its
     * fingerprints cover already read from there and digested: {@link #schema} then has only a
     * digest of digests to compute per tool, for the classes of that class loader. This asks the
     * class loader for resources only, and so loads none of the application's classes and runs none
     * of its code: it may run on a thread of its own while the app starts.
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
        catalog.bySource.values().stream().flatMap(List::stream).filter(entry -> entry.classes() != null)
                .forEach(entry -> {
                    catalog.classNames(entry).forEach(name -> catalog.digest(name, classLoader));
                    catalog.appeared(entry, classLoader);
                });
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
        JsonNode root;
        try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), document)) {
            JsonToken first = parser.nextToken();
            root = first == null ? NODES.missingNode() : tree(parser, first);
            if (first != null && parser.nextToken() != null) {
                throw new IllegalStateException("content after the document's end");
            }
        } catch (RuntimeException e) {
            throw notACatalog(origin, "not JSON", e);
        }
        Map<String, List<Entry>> bySource = new HashMap<>();
        for (JsonNode tool : root.path("tools")) {
            JsonNode source = tool.path("source");
            if (tool.path("inputSchema").isObject() && source.path("fingerprint").isString()) {
                Entry entry = new Entry((ObjectNode) tool.get("inputSchema"), source.get("fingerprint").asString(),
                        source.has("classes") ? names(source.get("classes"), origin) : null,
                        source.has("absent") ? names(source.get("absent"), origin) : Set.of());
                bySource.computeIfAbsent(key(source.path("class").asString(), source.path("method").asString()),
                        k -> new ArrayList<>()).add(entry);
            }
        }
        JsonNode generator = root.path("generator");
        if (!generator.isMissingNode() && !generator.isObject()) {
            throw notACatalog(origin, "generator is " + generator, null);
        }
        return new ToolCatalog(Map.copyOf(bySource), names(generator.path("classes"), origin), origin);
    }

    /** Class names as the document lists them: an array of them, or the document is not a catalog. */
    private static Set<String> names(JsonNode list, String origin) {
        Set<String> names = new TreeSet<>();
        if (list.isMissingNode()) {
            return names;
        }
        for (JsonNode name : list) {
            if (!name.isString() || name.asString().isBlank()) {
                throw notACatalog(origin, "a list of classes holds " + name, null);
            }
            names.add(name.asString());
        }
        if (!list.isArray()) {
            throw notACatalog(origin, "a list of classes is " + list, null);
        }
        return names;
    }

    private static IllegalStateException notACatalog(String origin, String why, RuntimeException cause) {
        return new IllegalStateException(origin + " is not a Fonella tool catalog (" + why + "); delete it, or "
                + "rebuild the app so that it is written again.", cause);
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
        List<Entry> candidates = bySource.get(key(targetClass.getName(), method.getName()));
        if (candidates == null) {
            return new Lookup(null, origin + " has no schema for " + targetClass.getName() + "#" + method.getName());
        }
        ClassLoader loader = targetClass.getClassLoader();
        // why not, for each candidate (overloads differ in their signatures); the most telling is said
        String[] whyNot = new String[4];
        for (Entry entry : candidates) {
            if (entry.classes() == null) {
                whyNot[1] = origin + " was written by an earlier version of Fonella; rebuild the app to write it "
                        + "again";
                continue;
            }
            if (entry.fingerprint().isEmpty()) {
                whyNot[1] = origin + " holds no fingerprint for it: a class file it is computed from could not be "
                        + "read or parsed when it was written";
                continue;
            }
            SortedMap<String, Optional<byte[]>> files = new TreeMap<>();
            classNames(entry).forEach(name -> files.put(name, digest(name, loader)));
            String unreadable = files.entrySet().stream().filter(file -> file.getValue().isEmpty())
                    .map(Map.Entry::getKey).findFirst().orElse(null);
            if (unreadable != null) {
                whyNot[2] = "the class file of " + unreadable + ", which its schema in " + origin + " was computed "
                        + "from, cannot be read (the class is gone, or it is not on this class path as a resource)";
                continue;
            }
            if (!fingerprint(targetClass, method, files).equals(entry.fingerprint())) {
                whyNot[0] = "the method, a type it takes or the schema generation changed since " + origin
                        + " was written";
                continue;
            }
            String appeared = appeared(entry, loader);
            if (appeared != null) {
                whyNot[3] = appeared + " had no class file when " + origin + " was written and has one now, which "
                        + "can change the schema; rebuild the app on the class path it runs with";
                continue;
            }
            return new Lookup(entry.inputSchema().deepCopy(), null);
        }
        int mostTelling = whyNot.length - 1;
        while (whyNot[mostTelling] == null) {
            mostTelling--;
        }
        return new Lookup(null, whyNot[mostTelling]);
    }

    /** The classes a tool's fingerprint covers, by name: fonella-core's and those the document lists. */
    private Set<String> classNames(Entry entry) {
        Set<String> names = new TreeSet<>(generator);
        names.addAll(entry.classes());
        return names;
    }

    /** The first class that was absent when the document was written and is there now, if any. */
    private String appeared(Entry entry, ClassLoader classLoader) {
        return entry.absent().stream()
                .filter(name -> present.computeIfAbsent(new SimpleImmutableEntry<>(classLoader, name),
                        key -> ClassFiles.exists(name, classLoader)))
                .findFirst().orElse(null);
    }

    /** The SHA-256 of a class file, by name, read through a class loader once for all tools. */
    private Optional<byte[]> digest(String className, ClassLoader classLoader) {
        return digests.computeIfAbsent(new SimpleImmutableEntry<>(classLoader, className),
                key -> ClassFiles.read(className, classLoader).map(ClassFiles::sha256));
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
        classes.forEach(type -> files.put(type.getName(), CLASS_FILES.get(type).map(ClassFile::sha256)));
        return fingerprint(targetClass, method, files);
    }

    /**
     * The one computation of a fingerprint, from the SHA-256 of each class file by class name,
     * whether the classes were found by {@link #classesRead} or named by a catalog.
     */
    private static String fingerprint(Class<?> targetClass, Method method, SortedMap<String, Optional<byte[]>> files) {
        MessageDigest digest = ClassFiles.sha256();
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
     * fonella-core's own schema-generation classes ({@link #generator}). Not covered: code in other
     * classes that such a method calls, and mix-ins or modules configured on a mapper.
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
        ordered.addAll(generator());
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

    /**
     * The classes of fonella-core that its schema generation's entry points reach, named in their
     * class files (the classes they use, and those these use in turn), read once: a change to any
     * of them may change a schema. Only the entry points when class files cannot be read.
     *
     * @return the classes
     */
    static Set<Class<?>> generator() {
        return Generator.CLASSES;
    }

    private static final class Generator {
        static final Set<Class<?>> CLASSES = reach();

        private static Set<Class<?>> reach() {
            ClassLoader loader = ToolCatalog.class.getClassLoader();
            Set<String> names = new TreeSet<>();
            Deque<String> next = new ArrayDeque<>();
            GENERATOR_ENTRY_POINTS.forEach(type -> next.add(type.getName()));
            while (!next.isEmpty()) {
                String name = next.pop();
                if (names.add(name)) {
                    ClassFiles.read(name, loader).ifPresent(file -> ClassFiles.namedClasses(file)
                            .orElseThrow(() -> new IllegalStateException("fonella-core cannot read " + name))
                            .stream()
                            .filter(named -> named.startsWith("ai.fonella.") && ClassFiles.exists(named, loader))
                            .forEach(next::add));
                }
            }
            Set<Class<?>> classes = new LinkedHashSet<>();
            for (String name : names) {
                try {
                    classes.add(Class.forName(name, false, loader));
                } catch (ClassNotFoundException | LinkageError e) {
                    throw new IllegalStateException("fonella-core names " + name + " but cannot load it", e);
                }
            }
            return Collections.unmodifiableSet(classes);
        }
    }

    private static boolean isPlatform(Class<?> type) {
        String name = type.getName();
        return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.")
                || name.startsWith("kotlin.");
    }

    private static String key(String className, String methodName) {
        return className + "#" + methodName;
    }
}
