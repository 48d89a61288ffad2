package ai.fonella.maven;

import ai.fonella.tool.ToolCatalog;
import ai.fonella.tool.ToolDefinition;
import ai.fonella.tool.ToolDefinitionException;
import ai.fonella.tool.ToolDefinitions;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;

/**
 * Finds the {@code @FonellaTool} methods of a project's compiled classes and builds their
 * definitions with fonella-core's {@link ToolDefinitions}, the code the Spring Boot starter runs at
 * startup, so that both compute the same definitions.
 *
 * <p>Every concrete class under the output directory is a candidate (or those in the configured
 * packages and their subpackages), as the starter considers every bean: interfaces and abstract
 * classes are skipped because the classes that implement them serve their tools. Classes are loaded
 * without being initialized (no static initializer of the project runs) by a
 * {@link ProjectClassLoader} over the project's runtime class path.
 */
final class ProjectToolScanner {

    /** The maven-compiler-plugin configuration that keeps parameter names in class files. */
    static final String COMPILER_PARAMETERS_SNIPPET = """
            <plugin>
              <groupId>org.apache.maven.plugins</groupId>
              <artifactId>maven-compiler-plugin</artifactId>
              <configuration>
                <parameters>true</parameters>
              </configuration>
            </plugin>""";

    private static final Pattern PACKAGE = Pattern.compile(
            "\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*(\\.\\p{javaJavaIdentifierStart}"
            + "\\p{javaJavaIdentifierPart}*)*");

    private static final byte[] FONELLA_TOOL_DESCRIPTOR = "ai/fonella/tool/FonellaTool"
            .getBytes(StandardCharsets.US_ASCII);

    private final Log log;
    private final ClassLoader pluginLoader;

    /**
     * A scanner sharing fonella-core with the plugin's own class loader.
     *
     * @param log where progress is reported
     */
    ProjectToolScanner(Log log) {
        this(log, ProjectToolScanner.class.getClassLoader());
    }

    /**
     * A scanner sharing fonella-core with the given loader.
     *
     * @param log where progress is reported
     * @param pluginLoader the loader that supplies the {@linkplain ProjectClassLoader#SHARED_PACKAGES
     *     shared packages}
     */
    ProjectToolScanner(Log log, ClassLoader pluginLoader) {
        this.log = Objects.requireNonNull(log, "log");
        this.pluginLoader = Objects.requireNonNull(pluginLoader, "pluginLoader");
    }

    /**
     * Scans the compiled classes and builds the tool definitions.
     *
     * @param classesDirectory the project's output directory, e.g. {@code target/classes}
     * @param classpath the project's runtime class path; the output directory is added first when
     *     missing
     * @param packages packages to scan (with their subpackages); empty for every class
     * @return the definitions ordered by tool name, validated as a set (unique names, at most 20)
     * @throws MojoFailureException when the classes are not compiled, a package name is malformed or
     *     holds no compiled class, or a tool method cannot become a tool (the message says what to
     *     change)
     * @throws MojoExecutionException when the class files cannot be read
     */
    List<ToolDefinition> scan(Path classesDirectory, List<Path> classpath, List<String> packages)
            throws MojoFailureException, MojoExecutionException {
        if (classesDirectory == null || !Files.isDirectory(classesDirectory)) {
            throw new MojoFailureException(classesMissingMessage(classesDirectory));
        }
        List<String> prefixes = packagePrefixes(packages);
        List<String> classNames = classNames(classesDirectory, prefixes);
        List<String> empty = prefixes.stream().filter(prefix -> classNames.stream().noneMatch(name -> name
                .startsWith(prefix))).map(prefix -> prefix.substring(0, prefix.length() - 1)).toList();
        if (!empty.isEmpty()) {
            // a misspelt package scans nothing: a sync would then find no tools, and prune delete them all
            throw new MojoFailureException("No compiled class in package" + (empty.size() == 1 ? " " : "s ")
                    + String.join(", ", empty) + " under " + classesDirectory + ". Check the <packages> "
                    + "configuration of the fonella plugin (fonella.packages): a package there that holds no class "
                    + "is usually misspelt. Fix or remove it; leave <packages> out to scan every class. (If the classes are "
                    + "not compiled yet, run the goal after compile: mvn compile fonella:plan.)");
        }
        Set<Path> entries = new LinkedHashSet<>();
        entries.add(classesDirectory.toAbsolutePath().normalize());
        for (Path entry : classpath) {
            entries.add(entry.toAbsolutePath().normalize());
        }

        List<ToolDefinition> definitions = new ArrayList<>();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (ProjectClassLoader loader = new ProjectClassLoader(List.copyOf(entries), pluginLoader)) {
            thread.setContextClassLoader(loader);
            for (String className : classNames) {
                definitions.addAll(definitionsOf(className, loader, classesDirectory));
            }
            // While the loader can read the class files: ToolCatalog keeps each class's digest, and
            // fonella:export fingerprints the tools after this loader is closed.
            definitions.forEach(tool -> ToolCatalog.fingerprint(tool.targetClass(), tool.javaMethod()));
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot close the class loader of the project's classes: "
                    + e.getMessage(), e);
        } finally {
            thread.setContextClassLoader(previous);
        }
        try {
            ToolDefinitions.requireValidSet(definitions);
        } catch (ToolDefinitionException e) {
            throw new MojoFailureException(failureMessage(e, prefixes.isEmpty()));
        }
        definitions.sort(Comparator.comparing(ToolDefinition::name));
        log.debug("Scanned " + classNames.size() + " classes in " + classesDirectory + ": " + definitions.size()
                + " tools");
        return List.copyOf(definitions);
    }

    private List<ToolDefinition> definitionsOf(String className, ClassLoader loader, Path classesDirectory)
            throws MojoFailureException {
        Class<?> type;
        List<Method> methods;
        try {
            type = Class.forName(className, false, loader);
            if (!isCandidate(type)) {
                return List.of();
            }
            methods = ToolDefinitions.findToolMethods(type);
        } catch (ClassNotFoundException | LinkageError | TypeNotPresentException e) {
            Path classFile = classesDirectory.resolve(className.replace('.', '/') + ".class");
            if (mentionsFonellaTool(classFile)) {
                throw new MojoFailureException("Cannot load " + className + " to read its @FonellaTool methods: "
                        + e + ". The plugin loads target/classes with the project's runtime class path; a class "
                        + "it needs is missing there (a provided or optional dependency?). Make it a compile or "
                        + "runtime dependency, or move the tool methods to a class that does not need it.");
            }
            log.debug("Skipping " + className + ", which cannot be loaded with the runtime class path: " + e);
            return List.of();
        }
        List<ToolDefinition> definitions = new ArrayList<>();
        for (Method method : methods) {
            try {
                definitions.add(ToolDefinitions.of(type, method));
            } catch (ToolDefinitionException e) {
                throw new MojoFailureException(failureMessage(e, false));
            } catch (RuntimeException | LinkageError e) {
                throw new MojoFailureException("Cannot build the tool definition of " + className + "."
                        + method.getName() + ": " + e);
            }
        }
        if (!definitions.isEmpty()) {
            log.debug("Found " + definitions.size() + " tool(s) in " + className);
        }
        return definitions;
    }

    /** Concrete, named classes that are not generated subclasses: what can be a bean serving tools. */
    private static boolean isCandidate(Class<?> type) {
        return !type.isInterface() && !type.isAnnotation() && !Modifier.isAbstract(type.getModifiers())
                && !type.isSynthetic() && !type.isAnonymousClass() && !type.isLocalClass()
                && !isGeneratedSubclass(type);
    }

    /**
     * A subclass generated for another class, such as the CGLIB subclass that Spring AOT writes into
     * {@code target/classes} for every {@code @Configuration} class ({@code Config$$SpringCGLIB$$0}):
     * at runtime it is the same bean as its superclass, whose tools the scan finds on the superclass.
     * Told as Spring's {@code ClassUtils.getUserClass} tells it, which the starter uses: {@code $$}
     * in the name and a superclass.
     */
    private static boolean isGeneratedSubclass(Class<?> type) {
        return type.getName().contains("$$") && type.getSuperclass() != null && type.getSuperclass() != Object.class;
    }

    /**
     * The message of a definition problem, with the compiler snippet when parameter names are
     * missing and a hint about {@code packages} for set-wide problems.
     *
     * @param e the problem
     * @param scannedEverything whether no packages were configured
     * @return the message
     */
    static String failureMessage(ToolDefinitionException e, boolean scannedEverything) {
        String message = e.getMessage();
        if (message.contains("-parameters")) {
            message += "\nAdd this to <build><plugins> of the pom, then recompile (mvn clean compile):\n"
                    + COMPILER_PARAMETERS_SNIPPET;
        } else if (e.method() == null || message.startsWith("Two tools are named")) {
            if (scannedEverything) {
                message += " The plugin scanned every class under target/classes; if some of these are not beans "
                        + "of the app, set <packages> to the packages of the app's tool classes.";
            }
        }
        return message;
    }

    /**
     * The message when the output directory is missing.
     *
     * @param classesDirectory the directory
     * @return the message, naming {@code fonella:plan}
     */
    static String classesMissingMessage(Path classesDirectory) {
        return classesMissingMessage(classesDirectory, "plan");
    }

    /**
     * The message when the output directory is missing, for one goal.
     *
     * @param classesDirectory the directory
     * @param goal the goal that needs the classes, e.g. {@code sync}
     * @return the message
     */
    static String classesMissingMessage(Path classesDirectory, String goal) {
        return "The project's classes are not compiled: " + classesDirectory + " does not exist. The fonella goals "
                + "read the compiled classes, so run them after compile, e.g. mvn compile fonella:" + goal + ", or "
                + "bind the goal to a phase after compile (fonella:sync binds to deploy by default).";
    }

    /**
     * Validates package names and turns them into class name prefixes ({@code com.example.} for
     * {@code com.example}); {@code .*} and {@code .**} suffixes are accepted and ignored.
     *
     * @param packages configured packages, may be {@code null}
     * @return prefixes, empty for every class
     * @throws MojoFailureException for a malformed package name
     */
    static List<String> packagePrefixes(List<String> packages) throws MojoFailureException {
        List<String> prefixes = new ArrayList<>();
        if (packages == null) {
            return prefixes;
        }
        for (String configured : packages) {
            String name = PluginEnvironment.textOrNull(configured);
            if (name == null) {
                continue;
            }
            name = name.replaceFirst("\\.\\*\\*?$", "");
            if (!PACKAGE.matcher(name).matches()) {
                throw new MojoFailureException("The <packages> entry '" + configured + "' is not a Java package "
                        + "name; give packages such as com.example.orders (subpackages are included).");
            }
            prefixes.add(name + ".");
        }
        return prefixes;
    }

    /** Binary names of the class files under the directory, in a stable order. */
    private static List<String> classNames(Path directory, List<String> prefixes) throws MojoExecutionException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile)
                    .map(directory::relativize)
                    .map(Path::toString)
                    .filter(path -> path.endsWith(".class") && !path.startsWith("META-INF"))
                    .map(path -> path.substring(0, path.length() - ".class".length())
                            .replace(directory.getFileSystem().getSeparator(), "."))
                    .filter(name -> !name.endsWith("module-info") && !name.endsWith("package-info"))
                    .filter(name -> prefixes.isEmpty() || prefixes.stream().anyMatch(name::startsWith))
                    .sorted()
                    .toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new MojoExecutionException("Cannot list the class files under " + directory + ": " + e.getMessage(),
                    e);
        }
    }

    private static boolean mentionsFonellaTool(Path classFile) {
        try {
            byte[] bytes = Files.readAllBytes(classFile);
            outer:
            for (int i = 0; i <= bytes.length - FONELLA_TOOL_DESCRIPTOR.length; i++) {
                for (int j = 0; j < FONELLA_TOOL_DESCRIPTOR.length; j++) {
                    if (bytes[i + j] != FONELLA_TOOL_DESCRIPTOR[j]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }
}
