package ai.fonella.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.settings.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MavenProxyTests {

    /** Any HTTPS API host; the selection never connects to it. */
    private static final String API = "https://api.example.com";

    @TempDir
    Path dir;

    @Test
    void noProxiesMeansTheJvmDefault() throws Exception {
        assertThat(MavenProxy.of(new Settings(), decrypter(), API)).isEmpty();
        assertThat(MavenProxy.of(null, decrypter(), API)).isEmpty();
    }

    @Test
    void takesTheActiveProxyOfTheBaseUrlsSchemeFirst() throws Exception {
        Settings settings = settings(proxy("plain", "http", "plain.corp", 3128, true),
                proxy("off", "https", "off.corp", 3129, false), proxy("secure", "https", "secure.corp", 3130, true));
        MavenProxy proxy = MavenProxy.of(settings, decrypter(), API).orElseThrow();
        assertThat(proxy.id()).isEqualTo("secure");
        assertThat(proxy.selector().select(URI.create(API + "/v1/tools")))
                .containsExactly(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved("secure.corp", 3130)));
    }

    @Test
    void fallsBackToTheActiveHttpProxyWhichTunnelsHttps() throws Exception {
        Settings settings = settings(proxy("off", "http", "off.corp", 3128, false),
                proxy("plain", null, "plain.corp", 8080, true));
        assertThat(MavenProxy.of(settings, decrypter(), API)).get().extracting(MavenProxy::host)
                .isEqualTo("plain.corp");
    }

    @Test
    void connectsDirectlyWhenTheDeclaredProxiesAreForOtherProtocols() throws Exception {
        Settings settings = settings(proxy("socks", "socks5", "socks.corp", 1080, true));
        MavenProxy direct = MavenProxy.of(settings, decrypter(), API).orElseThrow();
        assertThat(direct.direct()).isTrue();
        assertThat(direct.selector().select(URI.create(API))).containsExactly(Proxy.NO_PROXY);
        assertThat(direct).hasToString("no proxy");
    }

    @Test
    void skipsAProxyWhoseNonProxyHostsNameTheApiAndTakesTheNext() throws Exception {
        org.apache.maven.settings.Proxy internal = proxy("internal", "https", "internal.corp", 3128, true);
        internal.setNonProxyHosts("*.example.com");
        Settings settings = settings(internal, proxy("outbound", "https", "outbound.corp", 3129, true),
                proxy("plain", "http", "plain.corp", 8080, true));
        assertThat(MavenProxy.of(settings, decrypter(), API)).get().extracting(MavenProxy::id).isEqualTo("outbound");
    }

    @Test
    void honoursNonProxyHostsWithWildcardsInAnyCase() throws Exception {
        org.apache.maven.settings.Proxy declared = proxy("corp", "http", "proxy.corp", 3128, true);
        declared.setNonProxyHosts("localhost | *.internal.example|10.*,[fd00::1]|API.FONELLA.TEST");
        Settings settings = settings(declared);
        assertThat(MavenProxy.of(settings, decrypter(), "https://fonella.internal.example")).get()
                .matches(MavenProxy::direct);
        assertThat(MavenProxy.of(settings, decrypter(), "https://api.fonella.test")).get().matches(MavenProxy::direct);
        assertThat(MavenProxy.of(settings, decrypter(), "https://10.1.2.3")).get().matches(MavenProxy::direct);
        assertThat(MavenProxy.of(settings, decrypter(), "https://[fd00::1]")).get().matches(MavenProxy::direct);
        MavenProxy proxy = MavenProxy.of(settings, decrypter(), API).orElseThrow();
        assertThat(proxy.direct()).isFalse();
        assertThat(proxy.bypasses("internal.example")).isFalse();
        assertThat(proxy.bypasses("a.internal.example")).isTrue();
        assertThat(proxy.selector().select(URI.create("https://a.internal.example/x"))).containsExactly(Proxy.NO_PROXY);
        assertThat(proxy.selector().select(URI.create(API + "/v1/tools"))).containsExactly(
                new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved("proxy.corp", 3128)));
    }

    @Test
    void reachesALoopbackApiDirectlyWhateverTheProxies() throws Exception {
        Settings settings = settings(proxy("corp", "http", "proxy.corp", 3128, true));
        for (String emulator : List.of("http://127.0.0.1:8080", "http://localhost:8080", "http://[::1]:8080")) {
            assertThat(MavenProxy.of(settings, decrypter(), emulator)).as(emulator).get().matches(MavenProxy::direct);
        }
    }

    @Test
    void leavesAnUnparsableBaseUrlToTheClient() throws Exception {
        Settings settings = settings(proxy("corp", "http", "proxy.corp", 3128, true));
        assertThat(MavenProxy.of(settings, decrypter(), "https://api example com")).isEmpty();
    }

    @Test
    void decryptsAnEncryptedProxyPassword() throws Exception {
        org.apache.maven.settings.Proxy declared = proxy("corp", "https", "proxy.corp", 3128, true);
        declared.setUsername("builder");
        declared.setPassword(ApiKeyResolverTests.ENCRYPTED_SERVER_KEY);
        MavenProxy proxy = MavenProxy.of(settings(declared), decrypter(), API).orElseThrow();

        assertThat(proxy.password()).isEqualTo(ApiKeyResolverTests.SERVER_KEY);
        assertThat(proxy.toString()).isEqualTo("<proxy> 'corp' proxy.corp:3128 as builder")
                .doesNotContain(ApiKeyResolverTests.SERVER_KEY);
    }

    @Test
    void aProxyWithoutUserNameWithholdsNothing() throws Exception {
        MavenProxy proxy = MavenProxy.of(settings(proxy("corp", "http", "proxy.corp", 3128, true)), decrypter(), API)
                .orElseThrow();
        assertThat(proxy.username()).isNull();
        assertThat(proxy.credentialsWithheld(true)).isFalse();
    }

    @Test
    void aUserNameThatBasicCannotCarryFailsWithoutShowingIt() throws Exception {
        org.apache.maven.settings.Proxy declared = proxy("corp", "http", "proxy.corp", 3128, true);
        declared.setUsername("dom:builder");
        declared.setPassword("secret-value");
        assertThatThrownBy(() -> MavenProxy.of(settings(declared), decrypter(), API))
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("The <proxy> with id 'corp' in settings.xml has a <username> containing ':'")
                .hasMessageNotContaining("dom:builder").hasMessageNotContaining("secret-value");
    }

    @Test
    void aProxyWithoutHostOrPortFailsWithTheRemedy() {
        Settings settings = settings(proxy("broken", "http", " ", 0, true));
        assertThatThrownBy(() -> MavenProxy.of(settings, decrypter(), API))
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("The <proxy> with id 'broken' in settings.xml needs a <host> and a <port>")
                .hasMessageContaining("<active>false</active>");
    }

    @Test
    void anUndecryptablePasswordFailsWithTheRemedy() throws Exception {
        org.apache.maven.settings.Proxy declared = proxy("corp", "http", "proxy.corp", 3128, true);
        declared.setUsername("builder");
        declared.setPassword(ApiKeyResolverTests.ENCRYPTED_SERVER_KEY);
        Settings settings = settings(declared);
        var wrongMaster = ApiKeyResolverTests.decrypter(dir, "{AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=}");
        assertThatThrownBy(() -> MavenProxy.of(settings, wrongMaster, API))
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("Cannot decrypt the password of <proxy> 'corp' in settings.xml")
                .hasMessageContaining("settings-security.xml");
    }

    private org.apache.maven.settings.crypto.SettingsDecrypter decrypter() throws Exception {
        return ApiKeyResolverTests.decrypter(dir, ApiKeyResolverTests.MASTER);
    }

    private static Settings settings(org.apache.maven.settings.Proxy... proxies) {
        Settings settings = new Settings();
        settings.setProxies(List.of(proxies));
        return settings;
    }

    static org.apache.maven.settings.Proxy proxy(String id, String protocol, String host, int port, boolean active) {
        org.apache.maven.settings.Proxy proxy = new org.apache.maven.settings.Proxy();
        proxy.setId(id);
        if (protocol != null) {
            proxy.setProtocol(protocol);
        }
        proxy.setHost(host);
        proxy.setPort(port);
        proxy.setActive(active);
        return proxy;
    }
}
