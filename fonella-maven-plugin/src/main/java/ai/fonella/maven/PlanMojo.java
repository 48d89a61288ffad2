package ai.fonella.maven;

import ai.fonella.sync.SyncPlan;
import ai.fonella.tool.ToolDefinition;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Prints what {@code fonella:sync} would change and changes nothing: reads the compiled classes,
 * builds the tool definitions with fonella-core (as the starter does), lists the account's tools and
 * prints the plan: tools to create, to update (with the changed fields), to delete, and unchanged.
 * With {@code failOnChanges}, a plan that is not empty fails the build, which lets CI detect drift.
 */
@Mojo(name = "plan", defaultPhase = LifecyclePhase.VERIFY, requiresDependencyResolution = ResolutionScope.RUNTIME,
        threadSafe = true)
public final class PlanMojo extends AbstractRemoteMojo {

    /**
     * Fails the build when the registered tools differ from the code (anything to create, update or
     * delete), e.g. in CI to detect drift. Tools kept because pruning is off do not count.
     */
    @Parameter(property = "fonella.failOnChanges", defaultValue = "false")
    private boolean failOnChanges;

    /**
     * Creates the Mojo.
     *
     * @param decrypter Maven's decrypter for {@code settings.xml} passwords
     */
    @Inject
    public PlanMojo(SettingsDecrypter decrypter) {
        super(decrypter);
    }

    @Override
    protected String goal() {
        return "plan";
    }

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        List<ToolDefinition> definitions = scanProject();
        SyncPlan plan = prepareSync().plan(definitions);
        if (failOnChanges && !plan.isEmpty()) {
            throw new MojoFailureException(driftMessage(plan));
        }
        getLog().info(plan.isEmpty() ? "The registered tools match the code." : "Nothing was changed; run "
                + "fonella:sync to apply this plan.");
    }

    /**
     * The message of {@code failOnChanges}.
     *
     * @param plan a plan that is not empty
     * @return the message
     */
    static String driftMessage(SyncPlan plan) {
        return "The Fonella tools registered for this app differ from the code (" + plan.summary() + "):\n"
                + plan.render() + "\nRun mvn fonella:sync (or deploy) to apply the changes, or set "
                + "-Dfonella.failOnChanges=false to only report them.";
    }
}
