package ai.fonella.maven;

import ai.fonella.client.FonellaClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * The proxy of {@code settings.xml} ({@code <proxies>}) that the plugin reaches the Fonella API
 * through, as Maven itself would for a repository at that address: the first active proxy whose
 * {@code <protocol>} is the base URL's scheme, else the first active {@code http} proxy (an HTTP
 * proxy tunnels HTTPS with {@code CONNECT}, and most settings declare only that one). Its
 * {@code <nonProxyHosts>} ({@code |}-separated, {@code *} wildcards, case-insensitive) are honoured
 * and an encrypted {@code <password>} is decrypted.
 *
 * @param id the proxy's {@code <id>}
 * @param host the proxy host
 * @param port the proxy port
 * @param nonProxyHosts host patterns reached directly
 * @param username the user name, or {@code null} for none
 * @param password the password, or {@code null}
 */
record MavenProxy(String id, String host, int port, List<String> nonProxyHosts, String username,
        String password) {

    /**
     * The proxy settings.xml gives for a base URL.
     *
     * @param settings the build's settings, may be {@code null}
     * @param decrypter Maven's decrypter for an encrypted password
     * @param baseUrl the Fonella API's base URL
     * @return the proxy, or empty when none is active for that scheme or the host is a non-proxy host
     * @throws MojoFailureException when the proxy's password cannot be decrypted or its port is invalid
     */
    static Optional<MavenProxy> of(Settings settings, SettingsDecrypter decrypter, String baseUrl)
            throws MojoFailureException {
        if (settings == null || settings.getProxies() == null || baseUrl == null) {
            return Optional.empty();
        }
        URI uri = URI.create(baseUrl.strip());
        String scheme = uri.getScheme() == null ? "https" : uri.getScheme().toLowerCase(Locale.ROOT);
        org.apache.maven.settings.Proxy chosen = null;
        for (String protocol : List.of(scheme, "http")) {
            for (org.apache.maven.settings.Proxy proxy : settings.getProxies()) {
                String declared = proxy.getProtocol() == null ? "http" : proxy.getProtocol().strip();
                if (chosen == null && proxy.isActive() && declared.equalsIgnoreCase(protocol)) {
                    chosen = proxy;
                }
            }
        }
        if (chosen == null) {
            return Optional.empty();
        }
        if (chosen.getHost() == null || chosen.getHost().isBlank() || chosen.getPort() < 1
                || chosen.getPort() > 65535) {
            throw new MojoFailureException("The <proxy> with id '" + chosen.getId() + "' in settings.xml needs a "
                    + "<host> and a <port> between 1 and 65535 (it has host '" + chosen.getHost() + "', port "
                    + chosen.getPort() + "). Fix it, or set <active>false</active> to reach Fonella directly.");
        }
        org.apache.maven.settings.Proxy decrypted = decrypt(chosen, decrypter);
        List<String> nonProxyHosts = decrypted.getNonProxyHosts() == null ? List.of()
                : Arrays.stream(decrypted.getNonProxyHosts().split("[|,]")).map(String::strip)
                        .filter(pattern -> !pattern.isEmpty()).toList();
        MavenProxy proxy = new MavenProxy(decrypted.getId(), decrypted.getHost().strip(), decrypted.getPort(),
                nonProxyHosts, PluginEnvironment.textOrNull(decrypted.getUsername()), decrypted.getPassword());
        return uri.getHost() != null && proxy.bypasses(uri.getHost()) ? Optional.empty() : Optional.of(proxy);
    }

    private static org.apache.maven.settings.Proxy decrypt(org.apache.maven.settings.Proxy proxy,
            SettingsDecrypter decrypter) throws MojoFailureException {
        if (proxy.getPassword() == null || proxy.getPassword().isEmpty()) {
            return proxy;
        }
        SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(proxy));
        for (SettingsProblem problem : result.getProblems()) {
            if (problem.getSeverity() != SettingsProblem.Severity.WARNING) {
                throw new MojoFailureException("Cannot decrypt the password of <proxy> '" + proxy.getId()
                        + "' in settings.xml: " + problem.getMessage() + ". Check the master password in "
                        + "~/.m2/settings-security.xml (or -Dsettings.security=...), or encrypt the password "
                        + "again with mvn --encrypt-password.");
            }
        }
        return result.getProxy() == null ? proxy : result.getProxy();
    }

    /**
     * Whether a host is reached directly, by {@code <nonProxyHosts>}.
     *
     * @param targetHost a host name or address
     * @return whether it matches one of the patterns
     */
    boolean bypasses(String targetHost) {
        String target = unbracketed(targetHost.toLowerCase(Locale.ROOT));
        for (String pattern : nonProxyHosts) {
            String regex = Arrays.stream(unbracketed(pattern.toLowerCase(Locale.ROOT)).split("\\*", -1))
                    .map(Pattern::quote)
                    .reduce((left, right) -> left + ".*" + right).orElse("");
            if (target.matches(regex)) {
                return true;
            }
        }
        return false;
    }

    /** An IPv6 address as URIs write it, {@code [::1]}, without its brackets. */
    private static String unbracketed(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /**
     * The selector for the Fonella client: this proxy for every address but the non-proxy hosts.
     *
     * @return the selector
     */
    ProxySelector selector() {
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
                return "the <proxy> '" + id + "' of settings.xml";
            }
        };
    }

    /**
     * Routes a client through this proxy, with its credentials when it has a user name.
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
     * Whether the JDK will send this proxy's credentials for an HTTPS tunnel: it refuses Basic
     * credentials for {@code CONNECT} while {@code jdk.http.auth.tunneling.disabledSchemes} lists
     * {@code Basic}, which it does unless that property is set (default {@code Basic}).
     *
     * @param baseUrl the Fonella API's base URL
     * @return {@code true} when credentials are configured but Basic tunnelling is disabled
     */
    boolean basicTunnellingDisabled(String baseUrl) {
        if (username == null || !baseUrl.strip().toLowerCase(Locale.ROOT).startsWith("https:")) {
            return false;
        }
        String disabled = System.getProperty("jdk.http.auth.tunneling.disabledSchemes", "Basic");
        return Arrays.stream(disabled.split(",")).map(String::strip).anyMatch("Basic"::equalsIgnoreCase);
    }

    /** For logs: never the password. */
    @Override
    public String toString() {
        return "<proxy> '" + id + "' " + host + ":" + port + (username == null ? "" : " as " + username);
    }
}
