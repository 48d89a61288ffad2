package ai.fonella.maven;

import ai.fonella.client.FonellaClient;
import ai.fonella.model.ApiRules;
import ai.fonella.support.ProxyRules;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * How the plugin reaches the Fonella API given the {@code <proxies>} of {@code settings.xml}, chosen
 * as Maven chooses one for a repository: the active proxies whose {@code <nonProxyHosts>}
 * ({@code |}-separated, {@code *} wildcards, case-insensitive) do not name the API's host, then the
 * first of those whose {@code <protocol>} is the base URL's scheme, else the first {@code http} one
 * (an HTTP proxy tunnels HTTPS with {@code CONNECT}). When settings.xml declares active proxies but
 * none applies, the API is reached directly, as Maven would, not through the JVM's proxy
 * properties; so is a loopback API (the emulator), which no proxy can reach. An encrypted
 * {@code <password>} is decrypted.
 *
 * @param id the proxy's {@code <id>}, {@code null} when {@link #direct()}
 * @param host the proxy host, {@code null} when {@link #direct()}
 * @param port the proxy port
 * @param nonProxyHosts host patterns reached directly
 * @param username the user name, or {@code null} for none
 * @param password the password, or {@code null}
 */
record MavenProxy(String id, String host, int port, List<String> nonProxyHosts, String username,
        String password) {

    /** The API is reached directly although settings.xml declares proxies. */
    static final MavenProxy DIRECT = new MavenProxy(null, null, 0, List.of(), null, null);

    /**
     * How settings.xml says to reach a base URL.
     *
     * @param settings the build's settings, may be {@code null}
     * @param decrypter Maven's decrypter for an encrypted password
     * @param baseUrl the Fonella API's base URL
     * @return the proxy, {@link #DIRECT}, or empty when settings.xml has no active proxy (the JVM's
     *     proxy settings apply) or the base URL is not a URL (the client reports that)
     * @throws MojoFailureException when the chosen proxy's host, port, user name or password is
     *     unusable
     */
    static Optional<MavenProxy> of(Settings settings, SettingsDecrypter decrypter, String baseUrl)
            throws MojoFailureException {
        List<org.apache.maven.settings.Proxy> active = settings == null ? List.of()
                : settings.getProxies().stream().filter(org.apache.maven.settings.Proxy::isActive).toList();
        URI uri = uri(baseUrl);
        if (active.isEmpty() || uri == null || uri.getHost() == null) {
            return Optional.empty();
        }
        String target = uri.getHost();
        if (ApiRules.isLoopback(target)) {
            return Optional.of(DIRECT);
        }
        List<org.apache.maven.settings.Proxy> applicable = new ArrayList<>();
        for (org.apache.maven.settings.Proxy proxy : active) {
            if (!matchesAny(patterns(proxy.getNonProxyHosts()), target)) {
                applicable.add(proxy);
            }
        }
        String scheme = uri.getScheme() == null ? "https" : uri.getScheme().toLowerCase(Locale.ROOT);
        org.apache.maven.settings.Proxy chosen = first(applicable, scheme);
        if (chosen == null) {
            chosen = first(applicable, "http");
        }
        return Optional.of(chosen == null ? DIRECT : usable(chosen, decrypter));
    }

    private static URI uri(String baseUrl) {
        try {
            return baseUrl == null ? null : new URI(baseUrl.strip());
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static org.apache.maven.settings.Proxy first(List<org.apache.maven.settings.Proxy> proxies,
            String protocol) {
        for (org.apache.maven.settings.Proxy proxy : proxies) {
            String declared = proxy.getProtocol() == null ? "http" : proxy.getProtocol().strip();
            if (declared.equalsIgnoreCase(protocol)) {
                return proxy;
            }
        }
        return null;
    }

    private static MavenProxy usable(org.apache.maven.settings.Proxy chosen, SettingsDecrypter decrypter)
            throws MojoFailureException {
        String what = "The <proxy> with id '" + chosen.getId() + "' in settings.xml";
        if (chosen.getHost() == null || chosen.getHost().isBlank() || chosen.getPort() < 1
                || chosen.getPort() > 65535) {
            throw new MojoFailureException(what + " needs a <host> and a <port> between 1 and 65535 (it has host '"
                    + chosen.getHost() + "', port " + chosen.getPort() + "). Fix it, or set <active>false</active> "
                    + "to reach Fonella without it.");
        }
        org.apache.maven.settings.Proxy decrypted = chosen;
        if (chosen.getPassword() != null && !chosen.getPassword().isEmpty()) {
            var result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(chosen));
            SettingsDecryption.requireDecrypted(result, "<proxy> '" + chosen.getId() + "'", "the password");
            decrypted = result.getProxy() == null ? chosen : result.getProxy();
        }
        String username = PluginEnvironment.textOrNull(decrypted.getUsername());
        String password = decrypted.getPassword();
        if (username != null && (username.contains(":") || hasControlCharacter(username)
                || (password != null && hasControlCharacter(password)))) {
            throw new MojoFailureException(what + " has a <username> containing ':' or a control character, or a "
                    + "<password> containing a control character; Basic proxy credentials cannot carry them.");
        }
        return new MavenProxy(decrypted.getId(), decrypted.getHost().strip(), decrypted.getPort(),
                patterns(decrypted.getNonProxyHosts()), username, password);
    }

    private static boolean hasControlCharacter(String text) {
        return text.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
    }

    private static List<String> patterns(String nonProxyHosts) {
        return nonProxyHosts == null ? List.of() : Arrays.stream(nonProxyHosts.split("[|,]")).map(String::strip)
                .filter(pattern -> !pattern.isEmpty()).toList();
    }

    private static boolean matchesAny(List<String> patterns, String targetHost) {
        String target = ApiRules.unbracketed(targetHost.toLowerCase(Locale.ROOT));
        for (String pattern : patterns) {
            String regex = Arrays.stream(ApiRules.unbracketed(pattern.toLowerCase(Locale.ROOT)).split("\\*", -1))
                    .map(Pattern::quote)
                    .reduce((left, right) -> left + ".*" + right).orElse("");
            if (target.matches(regex)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the API is reached without a proxy although settings.xml declares some.
     *
     * @return {@code true} for {@link #DIRECT}
     */
    boolean direct() {
        return host == null;
    }

    /**
     * Whether a host is reached directly, by this proxy's {@code <nonProxyHosts>}.
     *
     * @param targetHost a host name or address
     * @return whether it matches one of the patterns
     */
    boolean bypasses(String targetHost) {
        return direct() || matchesAny(nonProxyHosts, targetHost);
    }

    /**
     * The selector for the Fonella client: this proxy for every address but the non-proxy hosts.
     *
     * @return the selector
     */
    ProxySelector selector() {
        if (direct()) {
            return HttpClient.Builder.NO_PROXY;
        }
        Proxy proxy = new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(host, port));
        return new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                return uri.getHost() != null && bypasses(uri.getHost()) ? List.of(Proxy.NO_PROXY) : List.of(proxy);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress address, IOException failure) {
                // one proxy, nothing to fall back to: the request fails with the connection error
            }

            @Override
            public String toString() {
                return MavenProxy.this.toString();
            }
        };
    }

    /**
     * Routes a client as settings.xml says: through this proxy, with its credentials when it has a
     * user name, or directly.
     *
     * @param client a client builder
     * @return the same builder
     */
    FonellaClient.Builder applyTo(FonellaClient.Builder client) {
        client.proxy(selector());
        if (username != null) {
            client.proxyCredentials(username, password == null ? "" : password);
        }
        return client;
    }

    /**
     * Whether this proxy's credentials will not reach it for an HTTPS API, because this JVM
     * withholds Basic credentials from tunnels ({@link ProxyRules#basicTunnelingDisabled()}).
     *
     * @param https whether the API is HTTPS
     * @return {@code true} when credentials are configured but will not be sent
     */
    boolean credentialsWithheld(boolean https) {
        return username != null && https && ProxyRules.basicTunnelingDisabled();
    }

    /** For logs: never the password. */
    @Override
    public String toString() {
        return direct() ? "no proxy" : "<proxy> '" + id + "' " + host + ":" + port
                + (username == null ? "" : " as " + username);
    }
}
