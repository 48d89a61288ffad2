package ai.fonella.maven;

import ai.fonella.FonellaException;
import ai.fonella.InvalidRequestException;
import ai.fonella.client.FonellaApiException;
import ai.fonella.client.FonellaAuthenticationException;
import ai.fonella.client.FonellaClient;
import ai.fonella.client.FonellaIoException;
import ai.fonella.model.ApiRules;
import ai.fonella.support.ProxyRules;
import ai.fonella.sync.DesiredTool;
import ai.fonella.sync.SyncPlan;
import ai.fonella.sync.SyncResult;
import ai.fonella.sync.ToolEndpoint;
import ai.fonella.sync.ToolSecrets;
import ai.fonella.sync.ToolSync;
import ai.fonella.sync.ToolSyncException;
import ai.fonella.tool.ToolDefinition;
import java.util.List;
import java.util.Objects;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;

/**
 * Plans and applies a tool sync from a build, with fonella-core's {@link ToolSync}, the planner the
 * starter runs at startup: lists the account's tools, compares them with the definitions placed at
 * the app's {@link ToolEndpoint}, reports the plan through Maven's log and, for
 * {@code fonella:sync}, applies it. Expected failures become Mojo exceptions whose message says
 * what to do; none of them carries the API key.
 */
final class PluginSync {

    private final SyncSettings settings;
    private final Log log;
    private final ToolEndpoint endpoint;
    private final FonellaClient client;

    /**
     * Prepares a sync: derives the endpoint and builds the client.
     *
     * @param settings the configuration
     * @param log where the plan is reported
     * @throws MojoFailureException when the public URL, base path, header, secret or base URL is
     *     invalid
     */
    PluginSync(SyncSettings settings, Log log) throws MojoFailureException {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.log = Objects.requireNonNull(log, "log");
        this.endpoint = endpoint(settings.publicUrl(), settings.basePath(), settings.toolSecretHeader(),
                settings.toolSecret(), settings.apiKey().value());
        if (settings.proxy() != null && settings.proxy().direct()) {
            log.debug("settings.xml declares proxies, but none applies to " + settings.baseUrl() + ": connecting "
                    + "directly.");
        } else if (settings.proxy() != null) {
            log.info("Reaching the Fonella API through " + settings.proxy() + " (settings.xml).");
        }
        try {
            this.client = newClient(settings.apiKey().value(), settings.baseUrl(), settings.proxy());
        } catch (InvalidRequestException e) {
            throw new MojoFailureException("Invalid fonella plugin configuration (<baseUrl> or -Dfonella.baseUrl): "
                    + e.getMessage());
        }
    }

    /**
     * Builds the client with the system class loader as the thread's context class loader.
     * {@code FonellaClient.Builder} calls {@code RandomGenerator.getDefault()}, whose JDK 17
     * implementation looks the algorithms up with {@code ServiceLoader} through the context class
     * loader, once per JVM; Maven's plugin realm cannot see the {@code jdk.random} module, so the
     * lookup would fail ("No implementation of the random number generator algorithm
     * L32X64MixRandom") and stay failed for the rest of the build.
     */
    private static FonellaClient newClient(String apiKey, String baseUrl, MavenProxy proxy) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(ClassLoader.getSystemClassLoader());
        try {
            FonellaClient.Builder builder = FonellaClient.builder().apiKey(apiKey).baseUrl(baseUrl);
            if (proxy != null) {
                proxy.applyTo(builder);
            }
            return builder.build();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /**
     * The endpoint tools are registered at, with the tool secret: the configured one, else the one
     * the starter derives from the API key ({@link ToolSecrets#derive}), so that an app running with
     * {@code fonella.tools.sync=none} and the same key accepts the invocations.
     *
     * @param publicUrl the app's public HTTPS address
     * @param basePath the path of the Fonella endpoints, {@code null} for the default
     * @param secretHeader the tool secret header, {@code null} for the default
     * @param toolSecret the configured secret, or {@code null} to derive it
     * @param apiKey the API key the secret is derived from
     * @return the endpoint
     * @throws MojoFailureException when the public URL is missing or a value is invalid
     */
    static ToolEndpoint endpoint(String publicUrl, String basePath, String secretHeader, String toolSecret,
            String apiKey) throws MojoFailureException {
        ToolEndpoint unsigned = unsignedEndpoint(publicUrl, basePath, secretHeader);
        try {
            String secret = PluginEnvironment.textOrNull(toolSecret);
            if (secret == null) {
                secret = ToolSecrets.derive(apiKey, unsigned);
            }
            return new ToolEndpoint(unsigned.publicUrl(), unsigned.basePath(), unsigned.secretHeader(), secret);
        } catch (InvalidRequestException e) {
            throw new MojoFailureException("Invalid fonella plugin configuration: " + e.getMessage());
        }
    }

    /**
     * The endpoint without a tool secret, which decides the tool URLs (and is what the secret is
     * derived from).
     *
     * @param publicUrl the app's public HTTPS address
     * @param basePath the path of the Fonella endpoints, {@code null} for the default {@code /fonella};
     *     {@code /} or empty for the root
     * @param secretHeader the tool secret header, {@code null} for the default
     * @return the endpoint
     * @throws MojoFailureException when the public URL is missing or a value is invalid
     */
    static ToolEndpoint unsignedEndpoint(String publicUrl, String basePath, String secretHeader)
            throws MojoFailureException {
        if (PluginEnvironment.textOrNull(publicUrl) == null) {
            throw new MojoFailureException(missingPublicUrlMessage());
        }
        try {
            return new ToolEndpoint(publicUrl.strip(), basePath == null ? ToolEndpoint.DEFAULT_BASE_PATH : basePath,
                    secretHeader, null);
        } catch (InvalidRequestException e) {
            throw new MojoFailureException("Invalid fonella plugin configuration: " + e.getMessage());
        }
    }

    /**
     * The message when {@code publicUrl} is not set.
     *
     * @return the message
     */
    static String missingPublicUrlMessage() {
        return "No publicUrl: the fonella plugin needs the deployed app's public HTTPS address, where Fonella "
                + "calls the tools (<fonella.publicUrl>https://shop.example.com</fonella.publicUrl> in the POM's "
                + "<properties>, which -Dfonella.publicUrl=... can override, or "
                + "<publicUrl>https://shop.example.com</publicUrl> in the plugin configuration). Tool URLs are <publicUrl><basePath>/tools/<name>, as the starter "
                + "derives them from fonella.public-url and fonella.base-path.";
    }

    /**
     * The endpoint tools are registered at.
     *
     * @return the endpoint, with the tool secret
     */
    ToolEndpoint endpoint() {
        return endpoint;
    }

    /**
     * Lists the account's tools and plans; changes nothing. Reports the plan.
     *
     * @param definitions the definitions found in the project
     * @return the plan
     * @throws MojoFailureException when the key is rejected or a tool name is owned by another app
     * @throws MojoExecutionException when the API cannot be reached or fails
     */
    SyncPlan plan(List<ToolDefinition> definitions) throws MojoFailureException, MojoExecutionException {
        List<DesiredTool> desired = DesiredTool.of(definitions, endpoint);
        log.info("Fonella tools of " + endpoint.toolUrlPrefix() + " at " + client.baseUri() + ", API key "
                + settings.apiKey().masked() + " from " + settings.apiKey().source() + ":");
        SyncPlan plan;
        try {
            plan = new ToolSync(client).plan(desired, endpoint, settings.prune());
        } catch (FonellaException e) {
            throw failure(e, "list the tools");
        }
        for (String line : plan.render().split("\n")) {
            log.info("  " + line);
        }
        log.info("Plan: " + plan.summary());
        if (!plan.retained().isEmpty()) {
            log.warn(plan.retained().size() + " tool(s) of this app are no longer in the code and are kept; set "
                    + "<prune>true</prune> or -Dfonella.prune=true to delete them.");
        }
        return plan;
    }

    /**
     * Applies a plan made by {@link #plan(List)} and reports what was done.
     *
     * @param plan the plan
     * @return what was done
     * @throws MojoFailureException when the key is rejected or a change is refused
     * @throws MojoExecutionException when the API cannot be reached or fails midway
     */
    SyncResult apply(SyncPlan plan) throws MojoFailureException, MojoExecutionException {
        if (plan.isEmpty()) {
            log.info("Fonella tools are up to date; nothing to change.");
            return new SyncResult(plan, List.of(), List.of(), List.of(), 0);
        }
        SyncResult result;
        try {
            result = new ToolSync(client).apply(plan, endpoint);
        } catch (FonellaException e) {
            throw failure(e, "apply the plan");
        }
        log.info("Fonella tools synced: " + result.created().size() + " created, " + result.updated().size()
                + " updated, " + result.deletedToolIds().size() + " deleted"
                + (result.duplicatesRemoved() == 0 ? "" : " (" + result.duplicatesRemoved()
                + " duplicates left by a concurrent sync removed)") + ".");
        return result;
    }

    /**
     * Turns a failure of the API or the planner into a Mojo exception that says what to do. The
     * cause is logged at debug level ({@code -X}) instead of being attached, so that Maven prints
     * one clear message and no stack trace without {@code -e}.
     */
    private MojoExecutionException failure(FonellaException e, String operation) throws MojoFailureException {
        log.debug("Fonella API failure", e);
        Throwable cause = e instanceof ToolSyncException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof FonellaAuthenticationException auth) {
            String what = auth.statusCode() == 403
                    ? "is not allowed to manage tools (HTTP 403" + code(auth) + "): use a key with the tools:manage "
                    + "scope"
                    : "was rejected (HTTP " + auth.statusCode() + code(auth) + "): check that it is a valid key of "
                    + "the right account, not deleted or expired";
            throw new MojoFailureException((e == cause ? "" : e.getMessage() + "\n") + "The Fonella API key "
                    + settings.apiKey() + " " + what + " (-Dfonella.apiKey, FONELLA_API_KEY or the <server> '"
                    + "fonella' in settings.xml; see fonella:help)." + requestId(auth));
        }
        if (e instanceof ToolSyncException) {
            throw new MojoFailureException(e.getMessage());
        }
        if (refusedByProxy(cause)) {
            throw new MojoFailureException(proxyRefusalMessage());
        }
        if (cause instanceof FonellaIoException io) {
            Throwable root = io.getCause() == null ? io : io.getCause();
            return new MojoExecutionException("Cannot reach the Fonella API at " + client.baseUri() + " to "
                    + operation + " (" + root.getClass().getSimpleName()
                    + (root.getMessage() == null ? "" : ": " + root.getMessage()) + "). Check the baseUrl "
                    + "(-Dfonella.baseUrl), the network, and "
                    + (settings.proxy() == null || settings.proxy().direct() ? "any proxy or firewall between this "
                    + "build and Fonella (a proxy is taken from the <proxies> of settings.xml)"
                    : "the " + settings.proxy() + " of settings.xml that requests go through: its host, port, "
                    + "credentials and <nonProxyHosts>") + "." + ApiRules.unreachableHint(client.baseUri())
                    + " Nothing was changed.");
        }
        if (cause instanceof FonellaApiException api) {
            return new MojoExecutionException("The Fonella API failed to " + operation + ": " + api.getMessage());
        }
        throw new MojoFailureException(e.getMessage());
    }

    /**
     * A 407 from the proxy: the JDK hands it back as an answer, for plain http and for the
     * {@code CONNECT} of an HTTPS tunnel alike.
     */
    private static boolean refusedByProxy(Throwable cause) {
        return cause instanceof FonellaApiException api && api.statusCode() == 407;
    }

    private String proxyRefusalMessage() {
        MavenProxy proxy = settings.proxy();
        boolean https = client.baseUri().getScheme().equals("https");
        if (proxy == null || proxy.direct()) {
            return "A proxy between this build and the Fonella API at " + client.baseUri() + " requires credentials "
                    + "(HTTP 407 Proxy Authentication Required). Declare it in the <proxies> of settings.xml with its "
                    + "<host>, <port>, <username> and <password>. Nothing was changed.";
        }
        if (proxy.username() == null) {
            return "The " + proxy + " of settings.xml requires credentials (HTTP 407): add <username> and "
                    + "<password> to it. Nothing was changed.";
        }
        if (proxy.credentialsWithheld(https)) {
            return "The " + proxy + " of settings.xml asked for credentials (HTTP 407), and they were not sent: the "
                    + "JDK withholds Basic credentials from an HTTPS tunnel unless MAVEN_OPTS has "
                    + ProxyRules.ENABLE_BASIC_TUNNELING + ". Nothing was changed.";
        }
        return "The " + proxy + " of settings.xml refused its credentials (HTTP 407): check its <username> and "
                + "<password> (an encrypted password is decrypted with ~/.m2/settings-security.xml). Nothing was "
                + "changed.";
    }

    private static String code(FonellaApiException e) {
        return e.errorCode() == null ? "" : " " + e.errorCode()
                + (e.errorMessage() == null ? "" : ": " + e.errorMessage());
    }

    private static String requestId(FonellaApiException e) {
        return e.requestId() == null ? "" : " Request id: " + e.requestId() + ".";
    }

    /**
     * What {@code fonella:plan} and {@code fonella:sync} need.
     *
     * @param baseUrl the API's base URL
     * @param apiKey the key and where it came from
     * @param publicUrl the app's public HTTPS address
     * @param basePath the path of the Fonella endpoints, {@code null} for {@code /fonella}
     * @param toolSecretHeader the tool secret header, {@code null} for the default
     * @param toolSecret the tool secret, {@code null} to derive it from the key as the starter does
     * @param prune whether tools of this app no longer in code are deleted
     * @param proxy the proxy of settings.xml to reach the API through, {@code null} for the JVM's
     *     default (system properties, usually direct)
     */
    record SyncSettings(String baseUrl, ApiKeyResolver.ResolvedKey apiKey, String publicUrl, String basePath,
            String toolSecretHeader, String toolSecret, boolean prune, MavenProxy proxy) {

        /** Requires the key. */
        SyncSettings {
            Objects.requireNonNull(apiKey, "apiKey");
        }

        /** Never shows the key or the secret. */
        @Override
        public String toString() {
            return "SyncSettings[baseUrl=" + baseUrl + ", apiKey=" + apiKey + ", publicUrl=" + publicUrl + ", basePath="
                    + basePath + ", toolSecretHeader=" + toolSecretHeader + ", toolSecret="
                    + (toolSecret == null ? "derived" : "****") + ", prune=" + prune + ", proxy=" + proxy + "]";
        }
    }
}
