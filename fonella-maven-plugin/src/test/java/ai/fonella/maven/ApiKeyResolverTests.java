package ai.fonella.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.DefaultSettingsDecrypter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sonatype.plexus.components.cipher.DefaultPlexusCipher;
import org.sonatype.plexus.components.sec.dispatcher.DefaultSecDispatcher;

class ApiKeyResolverTests {

    private static final String PARAMETER_KEY = "fon_live_parameter0000000000000";
    private static final String PROPERTY_KEY = "fon_live_property00000000000000";
    private static final String ENVIRONMENT_KEY = "fon_live_environment00000000000";
    static final String SERVER_KEY = "fon_live_server0000000000000000";

    // Made with mvn --encrypt-master-password fonella-it-master, then, with that master in a
    // settings-security.xml: mvn --encrypt-password fon_live_server0000000000000000
    // -Dsettings.security=<that file>. The invoker scenarios use the same master password.
    static final String MASTER = "{m1DgXXj7WEkHbee2ghPmSehgBH/eWrCAhnpSc2S5Ooktd5p0rhK4jxSAhu8RJjTC}";
    static final String ENCRYPTED_SERVER_KEY =
            "{RiWE/ACxcWMHM07V79a0Z4xLCewkdZv+Ea0cPufKby9YCkqHorIw/20suby4dB/5}";

    private final Map<String, String> properties = new HashMap<>();
    private final Map<String, String> environment = new HashMap<>();
    private final Map<String, String> servers = new HashMap<>();

    private ApiKeyResolver resolver() {
        return new ApiKeyResolver(new PluginEnvironment(properties::get, environment::get),
                id -> Optional.ofNullable(servers.get(id)));
    }

    private void everySourceHasAKey() {
        properties.put("fonella.apiKey", PROPERTY_KEY);
        environment.put("FONELLA_API_KEY", ENVIRONMENT_KEY);
        servers.put("fonella", SERVER_KEY);
    }

    @Test
    void parameterWinsOverPropertyEnvironmentAndServer() throws Exception {
        everySourceHasAKey();
        ApiKeyResolver.ResolvedKey key = resolver().resolve(PARAMETER_KEY, null);
        assertThat(key.value()).isEqualTo(PARAMETER_KEY);
        assertThat(key.source()).isEqualTo("the <apiKey> parameter");
    }

    @Test
    void propertyWinsOverEnvironmentAndServer() throws Exception {
        everySourceHasAKey();
        ApiKeyResolver.ResolvedKey key = resolver().resolve(null, null);
        assertThat(key.value()).isEqualTo(PROPERTY_KEY);
        assertThat(key.source()).isEqualTo("the fonella.apiKey property");
    }

    @Test
    void environmentWinsOverSettingsServer() throws Exception {
        everySourceHasAKey();
        properties.clear();
        ApiKeyResolver.ResolvedKey key = resolver().resolve(null, null);
        assertThat(key.value()).isEqualTo(ENVIRONMENT_KEY);
        assertThat(key.source()).isEqualTo("the FONELLA_API_KEY environment variable");
    }

    @Test
    void settingsServerIsTheLastResort() throws Exception {
        servers.put("fonella", SERVER_KEY);
        ApiKeyResolver.ResolvedKey key = resolver().resolve(null, null);
        assertThat(key.value()).isEqualTo(SERVER_KEY);
        assertThat(key.source()).isEqualTo("the password of <server> 'fonella' in settings.xml");
    }

    @Test
    void serverIdPicksAnotherServer() throws Exception {
        servers.put("fonella", SERVER_KEY);
        servers.put("fonella-prod", PARAMETER_KEY);
        assertThat(resolver().resolve(null, "fonella-prod").value()).isEqualTo(PARAMETER_KEY);
        assertThat(resolver().resolve(null, " ").value()).isEqualTo(SERVER_KEY);
    }

    @Test
    void blankValuesCountAsAbsentAndValuesAreStripped() throws Exception {
        properties.put("fonella.apiKey", "  ");
        environment.put("FONELLA_API_KEY", ENVIRONMENT_KEY + "\n");
        servers.put("fonella", SERVER_KEY);
        ApiKeyResolver.ResolvedKey key = resolver().resolve(" ", null);
        assertThat(key.value()).isEqualTo(ENVIRONMENT_KEY);
    }

    @Test
    void missingKeyNamesTheThreeWaysToGiveOne() {
        environment.put("FONELLA_API_KEY", "");
        assertThatThrownBy(() -> resolver().resolve(null, "fonella-ci"))
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("No Fonella API key found")
                .hasMessageContaining("FONELLA_API_KEY environment variable")
                .hasMessageContaining("-Dfonella.apiKey=fon_live_...")
                .hasMessageContaining("<server><id>fonella-ci</id><password>fon_live_...</password></server>")
                .hasMessageContaining("~/.m2/settings.xml")
                .hasMessageContaining("mvn --encrypt-password");
    }

    @Test
    void resolvedKeyNeverShowsTheWholeKey() throws Exception {
        environment.put("FONELLA_API_KEY", ENVIRONMENT_KEY);
        ApiKeyResolver.ResolvedKey key = resolver().resolve(null, null);
        assertThat(key.toString()).doesNotContain(ENVIRONMENT_KEY)
                .startsWith("fon_live_environ…")
                .endsWith("(from the FONELLA_API_KEY environment variable)");
    }

    @Test
    void decryptsAnEncryptedSettingsServerPassword(@TempDir Path dir) throws Exception {
        Settings settings = settingsWithServer("fonella", ENCRYPTED_SERVER_KEY);
        SettingsServerPasswords passwords = new SettingsServerPasswords(settings, decrypter(dir, MASTER));
        ApiKeyResolver resolver = new ApiKeyResolver(new PluginEnvironment(name -> null, name -> null), passwords);
        assertThat(resolver.resolve(null, null).value()).isEqualTo(SERVER_KEY);
    }

    @Test
    void readsAPlainSettingsServerPassword(@TempDir Path dir) throws Exception {
        Settings settings = settingsWithServer("fonella", SERVER_KEY);
        SettingsServerPasswords passwords = new SettingsServerPasswords(settings, decrypter(dir, MASTER));
        assertThat(passwords.password("fonella")).contains(SERVER_KEY);
        assertThat(passwords.password("other")).isEmpty();
    }

    @Test
    void aPasswordThatCannotBeDecryptedFailsWithTheRemedy(@TempDir Path dir) throws Exception {
        Settings settings = settingsWithServer("fonella", ENCRYPTED_SERVER_KEY);
        SettingsServerPasswords passwords = new SettingsServerPasswords(settings,
                decrypter(dir, "{AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=}"));
        assertThatThrownBy(() -> passwords.password("fonella"))
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("Cannot decrypt the password of <server> 'fonella' in settings.xml")
                .hasMessageContaining("settings-security.xml")
                .hasMessageNotContaining(SERVER_KEY);
    }

    @Test
    void aServerWithoutPasswordFailsWithTheRemedy(@TempDir Path dir) throws Exception {
        Settings settings = settingsWithServer("fonella", null);
        SettingsServerPasswords passwords = new SettingsServerPasswords(settings, decrypter(dir, MASTER));
        assertThatThrownBy(() -> passwords.password("fonella"))
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("<server> with id 'fonella' in settings.xml has no <password>");
    }

    @Test
    void toolSecretComesFromParameterThenPropertyThenEnvironment() {
        PluginEnvironment env = new PluginEnvironment(properties::get, environment::get);
        assertThat(AbstractRemoteMojo.toolSecret(null, env)).isNull();
        environment.put("FONELLA_TOOLS_SECRET", "from-env");
        assertThat(AbstractRemoteMojo.toolSecret(null, env)).isEqualTo("from-env");
        properties.put("fonella.toolSecret", "from-property");
        assertThat(AbstractRemoteMojo.toolSecret(" ", env)).isEqualTo("from-property");
        assertThat(AbstractRemoteMojo.toolSecret("from-parameter", env)).isEqualTo("from-parameter");
    }

    private static Settings settingsWithServer(String id, String password) {
        Server server = new Server();
        server.setId(id);
        server.setPassword(password);
        Settings settings = new Settings();
        settings.addServer(server);
        return settings;
    }

    static DefaultSettingsDecrypter decrypter(Path dir, String master) throws Exception {
        Path security = dir.resolve("settings-security.xml");
        Files.writeString(security, "<settingsSecurity><master>" + master + "</master></settingsSecurity>",
                StandardCharsets.UTF_8);
        return new DefaultSettingsDecrypter(new DefaultSecDispatcher(new DefaultPlexusCipher(), Map.of(),
                security.toString()));
    }
}
