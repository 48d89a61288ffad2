package ai.fonella.test;

import ai.fonella.support.Secrets;
import java.util.Objects;

/**
 * An isolated account of the emulator: its own API keys, webhooks, tools and calls. Get one from
 * {@link FonellaEmulator#defaultAccount()} or {@link FonellaEmulator#newAccount()}.
 *
 * @param accountId the account's id inside the emulator
 * @param apiKey a ready API key with all scopes
 */
public record EmulatorAccount(String accountId, String apiKey) {

    /** Requires both fields. */
    public EmulatorAccount {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(apiKey, "apiKey");
    }

    /** Shows the key's prefix only. */
    @Override
    public String toString() {
        return "EmulatorAccount[accountId=" + accountId + ", apiKey=" + Secrets.maskApiKey(apiKey) + "]";
    }
}
