package ai.fonella.maven;

import ai.fonella.support.Secrets;
import java.util.Objects;
import java.util.Optional;
import org.apache.maven.plugin.MojoFailureException;

/**
 * Finds the Fonella API key for {@code fonella:plan} and {@code fonella:sync}. The first of these
 * wins:
 * <ol>
 * <li>the {@code apiKey} parameter ({@code <apiKey>} in the plugin configuration; discouraged, it
 *     puts the key in the POM);</li>
 * <li>the {@code fonella.apiKey} property ({@code -Dfonella.apiKey=...});</li>
 * <li>the {@code FONELLA_API_KEY} environment variable;</li>
 * <li>the password of the {@code <server>} in {@code settings.xml} whose id is {@code serverId}
 *     ({@code fonella} by default), decrypted when it is encrypted.</li>
 * </ol>
 * Blank values count as absent. The key itself is never part of a message; {@link ResolvedKey}
 * shows where it came from and its masked prefix.
 */
final class ApiKeyResolver {

    /** The property holding the key. */
    static final String PROPERTY = "fonella.apiKey";

    /** The environment variable holding the key. */
    static final String ENVIRONMENT_VARIABLE = "FONELLA_API_KEY";

    /** The default id of the {@code settings.xml} server holding the key. */
    static final String DEFAULT_SERVER_ID = "fonella";

    private final PluginEnvironment environment;
    private final ServerPasswords servers;

    /**
     * Creates a resolver.
     *
     * @param environment properties and environment variables
     * @param servers passwords of {@code settings.xml} servers
     */
    ApiKeyResolver(PluginEnvironment environment, ServerPasswords servers) {
        this.environment = Objects.requireNonNull(environment, "environment");
        this.servers = Objects.requireNonNull(servers, "servers");
    }

    /**
     * Resolves the key.
     *
     * @param parameter the {@code apiKey} parameter, may be {@code null}
     * @param serverId the {@code serverId} parameter, {@code null} for {@value #DEFAULT_SERVER_ID}
     * @return the key and where it came from
     * @throws MojoFailureException when no source has a key (naming every way to give one), or the
     *     settings server's password cannot be decrypted
     */
    ResolvedKey resolve(String parameter, String serverId) throws MojoFailureException {
        String id = serverId(serverId);
        String value = PluginEnvironment.textOrNull(parameter);
        if (value != null) {
            return new ResolvedKey(value, "the <apiKey> parameter");
        }
        value = environment.property(PROPERTY);
        if (value != null) {
            return new ResolvedKey(value, "the " + PROPERTY + " property");
        }
        value = environment.variable(ENVIRONMENT_VARIABLE);
        if (value != null) {
            return new ResolvedKey(value, "the " + ENVIRONMENT_VARIABLE + " environment variable");
        }
        Optional<String> password = servers.password(id);
        if (password.isPresent() && PluginEnvironment.textOrNull(password.get()) != null) {
            return new ResolvedKey(password.get().strip(), "the password of <server> '" + id + "' in settings.xml");
        }
        throw new MojoFailureException(missingKeyMessage(id));
    }

    /**
     * The message when no key is found: the three ways to give one.
     *
     * @param serverId the server id looked up
     * @return the message
     */
    static String missingKeyMessage(String serverId) {
        return "No Fonella API key found. Give one in one of three ways: "
                + "(1) set the " + ENVIRONMENT_VARIABLE + " environment variable (best in CI: a secret variable); "
                + "(2) pass -D" + PROPERTY + "=fon_live_... on the command line; "
                + "(3) add <server><id>" + serverId + "</id><password>fon_live_...</password></server> to "
                + "~/.m2/settings.xml (encrypt the password with mvn --encrypt-password; -Dfonella.serverId=... "
                + "picks another id). Keys are created in the Fonella Dashboard under Developers > API Keys.";
    }

    private static String serverId(String serverId) {
        String id = PluginEnvironment.textOrNull(serverId);
        return id == null ? DEFAULT_SERVER_ID : id;
    }

    /**
     * The passwords of {@code <server>} entries in {@code settings.xml}.
     */
    @FunctionalInterface
    interface ServerPasswords {

        /** No servers at all. */
        ServerPasswords NONE = id -> Optional.empty();

        /**
         * The decrypted password of a server.
         *
         * @param serverId the server id
         * @return the password, or empty when there is no such server or it has no password
         * @throws MojoFailureException when the password cannot be decrypted
         */
        Optional<String> password(String serverId) throws MojoFailureException;
    }

    /**
     * An API key and where it came from. {@link #toString()} masks the key.
     *
     * @param value the key
     * @param source where it came from, e.g. {@code the FONELLA_API_KEY environment variable}
     */
    record ResolvedKey(String value, String source) {

        /** Requires both. */
        ResolvedKey {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(source, "source");
        }

        /**
         * The masked key, as the API shows it in key listings.
         *
         * @return e.g. {@code fon_live_a1b2c3d…}
         */
        String masked() {
            return Secrets.maskApiKey(value);
        }

        @Override
        public String toString() {
            return masked() + " (from " + source + ")";
        }
    }
}
