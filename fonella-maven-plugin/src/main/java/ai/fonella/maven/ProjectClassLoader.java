package ai.fonella.maven;

import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads a project's compiled classes and runtime class path for scanning, isolated from Maven and
 * from the plugin, except for the few packages the plugin and the scanned classes must share.
 *
 * <p>The plugin builds definitions with its own fonella-core: {@code ToolDefinitions} looks up
 * {@code method.getAnnotation(FonellaTool.class)} with the {@code FonellaTool} class of the plugin. A
 * project class annotated with a {@code FonellaTool} loaded from the project's copy of fonella-core
 * would carry a different class of the same name, and the plugin would find no tool at all. The same
 * holds for every annotation the schema generator reads by class: Jackson's
 * ({@code @JsonProperty}, {@code @JsonPropertyDescription}, {@code @JsonIgnore}, ...), Jackson 3's
 * databind annotations and Jakarta Validation's constraints, and for Kotlin classes the Kotlin
 * standard library, whose {@code kotlin.Metadata} Kotlin reflection reads.
 *
 * <p>So classes of the {@linkplain #SHARED_PACKAGES shared packages} are taken from the plugin when
 * the plugin has them; every other class, and shared-package classes the plugin lacks (for example
 * the project's own {@code ai.fonella.samples} classes, or the starter's), comes from the project's
 * class path, with the JDK's platform loader as the parent. Neither parent-first (the plugin's
 * loader as parent would leak Maven and the plugin's other dependencies into the project) nor
 * child-first (the project's fonella-core annotations would win) would be correct.
 *
 * <p>The consequence, documented in the README: while scanning, the project's classes see the
 * plugin's fonella-core, Jackson and Jakarta Validation API; keep the project's fonella-core at the
 * plugin's version (the plugin warns when they differ).
 */
final class ProjectClassLoader extends URLClassLoader {

    /**
     * Package prefixes resolved from the plugin: fonella-core's annotations and types, and the
     * annotations its schema generator reads.
     */
    static final List<String> SHARED_PACKAGES = List.of(
            "ai.fonella.",
            "com.fasterxml.jackson.annotation.",
            "tools.jackson.",
            "jakarta.validation.",
            "com.github.victools.jsonschema.",
            "kotlin.");

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader plugin;

    /**
     * Creates the loader.
     *
     * @param classpath directories and jars, the project's output directory first
     * @param plugin the plugin's class loader, which supplies the shared packages
     */
    ProjectClassLoader(List<Path> classpath, ClassLoader plugin) {
        super("fonella-project-classes", urls(classpath), ClassLoader.getPlatformClassLoader());
        this.plugin = plugin;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (isShared(name)) {
            try {
                return plugin.loadClass(name);
            } catch (ClassNotFoundException notInPlugin) {
                // A class of the project (or of a library) in a shared package: load it from the project.
            }
        }
        return super.loadClass(name, resolve);
    }

    /**
     * Whether a class is resolved from the plugin first.
     *
     * @param className a binary class name
     * @return {@code true} for the shared packages
     */
    static boolean isShared(String className) {
        for (String prefix : SHARED_PACKAGES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static URL[] urls(List<Path> classpath) {
        URL[] urls = new URL[classpath.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = classpath.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new UncheckedIOException("Cannot use " + classpath.get(i) + " as a class path entry", e);
            }
        }
        return urls;
    }
}
