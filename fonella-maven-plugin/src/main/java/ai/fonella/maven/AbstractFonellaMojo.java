package ai.fonella.maven;

import ai.fonella.client.FonellaClient;
import ai.fonella.tool.ToolDefinition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What every fonella goal shares: reading the configuration and scanning the project's compiled
 * classes. Mojos stay thin; the work is done by {@code ProjectToolScanner}, {@code PluginSync} and
 * {@code ToolExporter}.
 */
public abstract class AbstractFonellaMojo extends AbstractMojo {

    /** The project being built. */
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    /**
     * Skips the goal.
     */
    @Parameter(property = "fonella.skip", defaultValue = "false")
    protected boolean skip;

    /**
     * Packages whose classes (with subpackages) are scanned for {@code @FonellaTool} methods, e.g.
     * {@code com.example.orders}. Empty scans every class under {@code target/classes}. Set it when
     * {@code target/classes} holds classes with tool methods that are not beans of the app.
     */
    @Parameter(property = "fonella.packages")
    protected List<String> packages;

    /**
     * The deployed app's public HTTPS address, where Fonella calls the tools, e.g.
     * {@code https://shop.example.com}: the value of the app's {@code fonella.public-url}. Tool URLs
     * are {@code <publicUrl><basePath>/tools/<name>}, derived exactly as the starter derives them.
     * Required by plan and sync; optional for export, which writes each tool's {@code url} only when
     * it is set.
     */
    @Parameter(property = "fonella.publicUrl")
    protected String publicUrl;

    /**
     * The path under which the app serves the Fonella endpoints: the app's
     * {@code fonella.base-path}.
     */
    @Parameter(property = "fonella.basePath", defaultValue = "/fonella")
    protected String basePath;

    /** Creates the Mojo. */
    protected AbstractFonellaMojo() {
    }

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping fonella:" + goal() + " (fonella.skip is true).");
            return;
        }
        if ("pom".equals(project.getPackaging())) {
            getLog().info("Skipping fonella:" + goal() + ": " + project.getArtifactId() + " has packaging pom and no "
                    + "classes.");
            return;
        }
        if (projectCore().isEmpty()) {
            // In a multi-module build, modules without tools must not plan (or prune) an empty set.
            getLog().info("Skipping fonella:" + goal() + ": " + project.getArtifactId() + " does not depend on "
                    + "ai.fonella:fonella-core at runtime, so it has no @FonellaTool methods.");
            return;
        }
        run();
    }

    /**
     * The goal name, for messages.
     *
     * @return e.g. {@code plan}
     */
    protected abstract String goal();

    /**
     * Does the goal's work once the skip checks passed.
     *
     * @throws MojoExecutionException on an unexpected problem
     * @throws MojoFailureException on a problem the user can fix, with the remedy in the message
     */
    protected abstract void run() throws MojoExecutionException, MojoFailureException;

    /**
     * Scans {@code target/classes} with the runtime class path and builds the tool definitions.
     *
     * @return the definitions, ordered by name
     * @throws MojoExecutionException when the class path cannot be read
     * @throws MojoFailureException when the classes are not compiled or a tool method is invalid
     */
    protected List<ToolDefinition> scanProject() throws MojoExecutionException, MojoFailureException {
        Path classes = Path.of(project.getBuild().getOutputDirectory());
        if (!Files.isDirectory(classes)) {
            throw new MojoFailureException(ProjectToolScanner.classesMissingMessage(classes, goal()));
        }
        List<Path> classpath;
        try {
            classpath = project.getRuntimeClasspathElements().stream().map(Path::of).toList();
        } catch (DependencyResolutionRequiredException e) {
            throw new MojoExecutionException("The runtime dependencies of " + project.getId() + " are not resolved: "
                    + e.getMessage(), e);
        }
        checkCoreVersion();
        List<ToolDefinition> definitions = new ProjectToolScanner(getLog()).scan(classes, classpath, packages);
        if (definitions.isEmpty()) {
            getLog().warn("No @FonellaTool methods found under " + classes
                    + (packages == null || packages.isEmpty() ? "" : " in packages " + packages) + ".");
        } else {
            getLog().info("Found " + definitions.size() + " Fonella tool(s): "
                    + definitions.stream().map(ToolDefinition::name).collect(Collectors.joining(", ")));
        }
        return definitions;
    }

    /** The project's fonella-core dependency, if it has one at runtime. */
    private Optional<Artifact> projectCore() {
        return project.getArtifacts().stream()
                .filter(a -> "ai.fonella".equals(a.getGroupId()) && "fonella-core".equals(a.getArtifactId()))
                .findFirst();
    }

    /** Warns when the project's fonella-core differs from the plugin's, which computes the definitions. */
    private void checkCoreVersion() {
        String pluginVersion = FonellaClient.version();
        String projectVersion = projectCore().map(Artifact::getBaseVersion).orElse(null);
        if (projectVersion != null && !"dev".equals(pluginVersion) && !pluginVersion.equals(projectVersion)) {
            getLog().warn("The project uses fonella-core " + projectVersion + ", the fonella plugin " + pluginVersion
                    + ". The plugin computes the tool definitions with its own fonella-core; use the same version "
                    + "for both so that they match what the app computes.");
        }
    }
}
