package ai.fonella.test;

import static org.assertj.core.api.Assertions.assertThat;

import ai.fonella.client.FonellaClient;
import ai.fonella.model.CreateToolRequest;
import org.junit.jupiter.api.RepeatedTest;

/** {@code resetBeforeEach}: every test starts from an empty emulator with the same key. */
@FonellaEmulatorTest(resetBeforeEach = true)
class ResetBeforeEachExtensionIT {

    @RepeatedTest(2)
    void everyTestSeesAnEmptyAccount(FonellaEmulator emulator, FonellaClient client) {
        assertThat(client.tools().list()).isEmpty();
        assertThat(emulator.requests()).hasSize(1);

        client.tools().create(CreateToolRequest.builder().name("onlyInThisTest").description("d")
                .url("https://shop.example.com/t").build());
    }
}
