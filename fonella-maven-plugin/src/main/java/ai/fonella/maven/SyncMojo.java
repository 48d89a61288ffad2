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
        PluginSync sync = prepareSync();
        sync.apply(sync.plan(definitions));
    }
}
