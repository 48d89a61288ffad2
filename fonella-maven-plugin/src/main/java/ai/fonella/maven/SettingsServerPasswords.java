package ai.fonella.maven;

import java.util.Objects;
import java.util.Optional;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;
import org.apache.maven.plugin.MojoFailureException;

/**
 * Reads {@code <server>} passwords from Maven's {@code settings.xml}, decrypting those encrypted with
 * {@code mvn --encrypt-password} through Maven's {@link SettingsDecrypter}.
 */
final class SettingsServerPasswords implements ApiKeyResolver.ServerPasswords {

    private final Settings settings;
    private final SettingsDecrypter decrypter;

    /**
     * Creates the lookup.
     *
     * @param settings the build's settings, may be {@code null}
     * @param decrypter Maven's decrypter
     */
    SettingsServerPasswords(Settings settings, SettingsDecrypter decrypter) {
        this.settings = settings;
        this.decrypter = Objects.requireNonNull(decrypter, "decrypter");
    }

    @Override
    public Optional<String> password(String serverId) throws MojoFailureException {
        Server server = settings == null ? null : settings.getServer(serverId);
        if (server == null) {
            return Optional.empty();
        }
        if (server.getPassword() == null || server.getPassword().isBlank()) {
            throw new MojoFailureException("The <server> with id '" + serverId + "' in settings.xml has no "
                    + "<password>. Put the Fonella API key there (encrypted with mvn --encrypt-password), or remove "
                    + "the server and give the key through " + ApiKeyResolver.ENVIRONMENT_VARIABLE + " or -D"
                    + ApiKeyResolver.PROPERTY + ".");
        }
        SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
        SettingsDecryption.requireDecrypted(result, "<server> '" + serverId + "'", "the key");
        Server decrypted = result.getServer();
        return Optional.ofNullable(decrypted == null ? null : decrypted.getPassword());
    }
}
