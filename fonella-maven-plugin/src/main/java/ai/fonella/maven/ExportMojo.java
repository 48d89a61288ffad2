package ai.fonella.maven;

import ai.fonella.sync.ToolEndpoint;
import ai.fonella.tool.ToolDefinition;
import java.io.File;
import java.io.IOException;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Writes the project's tool definitions as JSON, for review in pull requests and for diffing between
 * builds. No network and no API key. The output is deterministic: tools ordered by name, each with
 * {@code name}, {@code description}, {@code method}, {@code url} (only when {@code publicUrl} is
 * set) and {@code inputSchema}, the schema fonella-core computes and the starter registers.
 */
@Mojo(name = "export", defaultPhase = LifecyclePhase.PROCESS_CLASSES,
        requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public final class ExportMojo extends AbstractFonellaMojo {

    /**
     * Where the JSON document is written.
     */
    @Parameter(property = "fonella.outputFile", defaultValue = "${project.build.directory}/fonella/tools.json")
    private File outputFile;

    /** Creates the Mojo. */
    public ExportMojo() {
    }

    @Override
    protected String goal() {
        return "export";
    }

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        List<ToolDefinition> definitions = scanProject();
        ToolEndpoint endpoint = PluginEnvironment.textOrNull(publicUrl) == null ? null
                : PluginSync.unsignedEndpoint(publicUrl, basePath, null);
        byte[] document = ToolExporter.render(definitions, endpoint);
        try {
            boolean written = ToolExporter.write(outputFile.toPath(), document);
            getLog().info((written ? "Wrote " : "Unchanged: ") + definitions.size() + " tool definition(s) to "
                    + outputFile);
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot write " + outputFile + ": " + e.getMessage(), e);
        }
    }
}
