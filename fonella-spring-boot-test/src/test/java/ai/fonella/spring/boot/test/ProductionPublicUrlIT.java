package ai.fonella.spring.boot.test;

import static org.assertj.core.api.Assertions.assertThat;

import ai.fonella.model.Call;
import ai.fonella.model.Tool;
import ai.fonella.test.CallScript;
import ai.fonella.test.FonellaEmulator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The production {@code fonella.public-url} in a test's configuration (as from
 * {@code application.properties} or {@code FONELLA_PUBLIC_URL}) does not send the emulator's tool
 * calls to production: {@code @AutoConfigureFonellaEmulator} sets it aside.
 */
@SpringBootTest(classes = TestSupportApp.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = "fonella.public-url=https://shop.example.com")
@AutoConfigureFonellaEmulator
class ProductionPublicUrlIT {

    @Autowired
    FonellaEmulator emulator;

    @LocalServerPort
    int port;

    @Test
    void registersAtTheAppsLoopbackAddressSoSimulatedCallsReachTheTools() {
        assertThat(emulator.client().tools().list()).extracting(Tool::url)
                .allMatch(url -> url.startsWith("http://127.0.0.1:" + port + "/fonella/tools/"));

        Call call = emulator.placeCall(CallScript.builder().user("Say hello back")
                .toolCall("echo", Map.of("text", "hello")).build());

        assertThat(emulator.toolInvocations()).singleElement().satisfies(invocation ->
                assertThat(invocation.succeeded()).isTrue());
        assertThat(call.id()).isNotBlank();
    }
}
