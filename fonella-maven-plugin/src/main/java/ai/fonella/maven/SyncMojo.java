package ai.fonella.maven;

import ai.fonella.tool.ToolDefinition;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Registers the project's tools with Fonella: plans as {@code fonella:plan} does, prints the plan,
 * then applies it (creates, updates the changed fields, and with {@code prune} deletes this app's
 * tools no longer in the code). Touches only tools whose URL starts with
 * {@code <publicUrl><basePath>/tools/}. Binds to the {@code deploy} phase by default; skip it with
 * {@code -Dfonella.skip}.
 */
@Mojo(name = "sync", defaultPhase = LifecyclePhase.DEPLOY, requiresDependencyResolution = ResolutionScope.RUNTIME,
        threadSafe = true)
public final class SyncMojo extends AbstractRemoteMojo {

    /**
     * Creates the Mojo.
     *
     * @param decrypter Maven's decrypter for {@code settings.xml} passwords
     */
    @Inject
    public SyncMojo(SettingsDecrypter decrypter) {
        super(decrypter);
    }

    @Override
    protected String goal() {
        return "sync";
    }

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        List<ToolDefinition> definitions = scanProject();
        refuseToPruneEverything(definitions, prune, packages);
        PluginSync sync = prepareSync();
        sync.apply(sync.plan(definitions));
    }

    /**
     * A {@code <packages>} selection that finds no tool, with {@code prune} on, would delete every
     * tool this app has registered: almost always a wrong package, not the intent. Without
     * {@code <packages>}, a project with no tools left may prune them all on purpose.
     *
     * @param definitions the tools found
     * @param prune whether this app's tools missing from the code are deleted
     * @param packages the configured packages, or {@code null}
     * @throws MojoFailureException for a selection that finds nothing while pruning
     */
    static void refuseToPruneEverything(List<ToolDefinition> definitions, boolean prune, List<String> packages)
            throws MojoFailureException {
        if (definitions.isEmpty() && prune && packages != null && !packages.isEmpty()) {
            throw new MojoFailureException("No @FonellaTool methods were found in packages " + packages + ", and "
                    + "prune is on: this sync would delete every tool this app has registered. Check <packages> "
                    + "(-Dfonella.packages) in the fonella plugin's configuration; to delete all of this app's tools "
                    + "on purpose, run without <packages>. Nothing was changed.");
        }
    }
}
