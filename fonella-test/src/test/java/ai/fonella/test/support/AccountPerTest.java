package ai.fonella.test.support;

import ai.fonella.client.FonellaClient;
import ai.fonella.test.EmulatorAccount;
import ai.fonella.test.FonellaEmulator;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of integration tests that share one emulator per class but give every test a fresh account
 * (its own key, tools, webhooks and calls), so tests cannot see each other's state.
 */
public abstract class AccountPerTest {

    protected final FonellaEmulator emulator;
    protected EmulatorAccount account;
    protected FonellaClient client;

    protected AccountPerTest(FonellaEmulator emulator) {
        this.emulator = emulator;
    }

    @BeforeEach
    final void newAccount() {
        account = emulator.newAccount();
        client = emulator.client(account.apiKey());
    }
}
