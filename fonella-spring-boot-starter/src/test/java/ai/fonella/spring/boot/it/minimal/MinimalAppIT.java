package ai.fonella.spring.boot.it.minimal;

import static org.assertj.core.api.Assertions.assertThat;

import ai.fonella.model.Call;
import ai.fonella.test.CallScript;
import ai.fonella.test.FonellaEmulator;
import ai.fonella.test.FonellaEmulatorTest;
import ai.fonella.test.RecordedToolInvocation;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The starter's promise: an app with only the starter, an API key, a public URL and one annotated
 * method registers and serves its tool.
 */
@FonellaEmulatorTest
class MinimalAppIT {

    @Test
    void registersAndServesItsOnlyTool(FonellaEmulator emulator) {
        SpringApplication application = new SpringApplication(MinimalApp.class);
        try (ConfigurableApplicationContext context = application.run(
                "--server.port=0",
                "--fonella.api-key=" + emulator.apiKey(),
                "--fonella.base-url=" + emulator.baseUrl(),
                "--fonella.public-url=http://127.0.0.1:${local.server.port}")) {

            Call call = emulator.placeCall(CallScript.builder()
                    .user("How is the weather in Hamburg?")
                    .toolCall("weather", Map.of("city", "Hamburg"))
                    .endedBy("customer-ended")
                    .build());

            RecordedToolInvocation invocation = emulator.toolInvocations().stream()
                    .filter(recorded -> call.id().equals(recorded.callId())).findFirst().orElseThrow();
            assertThat(invocation.result()).as("invocation %s", invocation).isEqualTo("Sunny in Hamburg.");
            assertThat(invocation.url()).isEqualTo("http://127.0.0.1:"
                    + context.getEnvironment().getProperty("local.server.port") + "/fonella/tools/weather");
        }
    }
}
