package ai.fonella.maven;

import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/** The one check of a {@code settings.xml} decryption, for server and proxy passwords. */
final class SettingsDecryption {

    private SettingsDecryption() {
    }

    /**
     * Fails on any decryption problem worse than a warning.
     *
     * @param result what Maven's decrypter answered
     * @param what the element, e.g. {@code <server> 'fonella'}
     * @param secret what the password is, e.g. {@code the key}
     * @throws MojoFailureException naming the element and the remedy, never the value
     */
    static void requireDecrypted(SettingsDecryptionResult result, String what, String secret)
            throws MojoFailureException {
        for (SettingsProblem problem : result.getProblems()) {
            if (problem.getSeverity() != SettingsProblem.Severity.WARNING) {
                throw new MojoFailureException("Cannot decrypt the password of " + what + " in settings.xml: "
                        + problem.getMessage() + ". Check the master password in ~/.m2/settings-security.xml (or "
                        + "-Dsettings.security=...), or encrypt " + secret + " again with mvn --encrypt-password.");
            }
        }
    }
}
