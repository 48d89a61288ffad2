package ai.fonella.maven;

import ai.fonella.client.FonellaClient;
import ai.fonella.sync.ToolEndpoint;
import java.util.Objects;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * The goals that talk to the Fonella API, {@code plan} and {@code sync}: the API key, the base URL,
 * the tool secret and pruning.
 */
public abstract class AbstractRemoteMojo extends AbstractFonellaMojo {

    /** The property that may hold the tool secret. */
    static final String TOOL_SECRET_PROPERTY = "fonella.toolSecret";

    /** The environment variable that may hold the tool secret, the starter's fonella.tools.secret. */
    static final String TOOL_SECRET_VARIABLE = "FONELLA_TOOLS_SECRET";

    /**
     * The Fonella API key. Better left out of the POM: the plugin takes the first of this parameter,
     * the {@code fonella.apiKey} property ({@code -Dfonella.apiKey=...}), the {@code FONELLA_API_KEY}
     * environment variable, and the password of the {@code <server>} with id {@code serverId} in
     * {@code settings.xml} (encrypted passwords are decrypted). The property is read by the plugin
     * itself, not injected here, so that the parameter dump of {@code -X} does not show it; Maven's
     * own {@code -X} output still lists {@code -D} properties and environment variables, so where
     * debug logs are kept, use the settings.xml server.
     */
    @Parameter
    private String apiKey;

    /**
     * The id of the {@code <server>} in {@code settings.xml} whose password is the API key, used when
     * neither {@code fonella.apiKey} nor {@code FONELLA_API_KEY} is set.
     */
    @Parameter(property = "fonella.serverId", defaultValue = ApiKeyResolver.DEFAULT_SERVER_ID)
    private String serverId;

    /**
     * The base URL of the Fonella API. Plain http is accepted only for a loopback emulator.
     */
    @Parameter(property = "fonella.baseUrl", defaultValue = FonellaClient.DEFAULT_BASE_URL)
    private String baseUrl;

    /**
     * The secret registered in every tool's headers, which the app requires on each invocation: the
     * app's {@code fonella.tools.secret}. When unset (here, in the {@code fonella.toolSecret} property
     * and in the {@code FONELLA_TOOLS_SECRET} environment variable), it is derived from the API key
     * and the tool URLs exactly as the starter derives it, so an app running with the same key and
     * {@code fonella.tools.sync=none} accepts the tools the plugin registered.
     */
    @Parameter
    private String toolSecret;

    /**
     * The header carrying the tool secret: the app's {@code fonella.tools.secret-header}.
     */
    @Parameter(property = "fonella.toolSecretHeader", defaultValue = ToolEndpoint.DEFAULT_SECRET_HEADER)
    private String toolSecretHeader;

    /**
     * Whether tools this app registered (their URL starts with {@code <publicUrl><basePath>/tools/})
     * that are no longer in the code are deleted. Tools of other apps are never touched.
     */
    @Parameter(property = "fonella.prune", defaultValue = "false")
    protected boolean prune;

    /** The build session: its settings and properties. */
    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    private MavenSession session;

    private final SettingsDecrypter decrypter;

    /**
     * Creates the Mojo.
     *
     * @param decrypter Maven's decrypter for {@code settings.xml} passwords
     */
    protected AbstractRemoteMojo(SettingsDecrypter decrypter) {
        this.decrypter = Objects.requireNonNull(decrypter, "decrypter");
    }

    /**
     * Resolves the key, the endpoint and the client.
     *
     * @return a sync ready to plan
     * @throws MojoFailureException when no key is found or a setting is invalid
     */
    PluginSync prepareSync() throws MojoFailureException {
        PluginEnvironment environment = PluginEnvironment.of(session);
        ApiKeyResolver.ResolvedKey key = new ApiKeyResolver(environment,
                new SettingsServerPasswords(session.getSettings(), decrypter)).resolve(apiKey, serverId);
        MavenProxy proxy = MavenProxy.of(session.getSettings(), decrypter, baseUrl).orElse(null);
        return new PluginSync(new PluginSync.SyncSettings(baseUrl, key, publicUrl, basePath, toolSecretHeader,
                toolSecret(toolSecret, environment), prune, proxy), getLog());
    }

    /**
     * The configured tool secret: the parameter, else the {@code fonella.toolSecret} property, else
     * the {@code FONELLA_TOOLS_SECRET} environment variable.
     *
     * @param parameter the parameter, may be {@code null}
     * @param environment properties and environment variables
     * @return the secret, or {@code null} to derive it
     */
    static String toolSecret(String parameter, PluginEnvironment environment) {
        String value = PluginEnvironment.textOrNull(parameter);
        if (value == null) {
            value = environment.property(TOOL_SECRET_PROPERTY);
        }
        if (value == null) {
            value = environment.variable(TOOL_SECRET_VARIABLE);
        }
        return value;
    }
}
