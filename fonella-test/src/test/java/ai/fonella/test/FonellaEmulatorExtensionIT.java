package ai.fonella.test;

import static org.assertj.core.api.Assertions.assertThat;

import ai.fonella.client.FonellaClient;
import ai.fonella.model.Call;
import ai.fonella.model.CreateToolRequest;
import ai.fonella.test.support.HttpReceiver;
import ai.fonella.test.support.HttpReceiver.Reply;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The JUnit extension: one running emulator per class, injected into constructors and methods. */
@FonellaEmulatorTest(toolTimeoutMillis = 200)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FonellaEmulatorExtensionIT {

    private static FonellaEmulator first;

    private final FonellaEmulator constructed;

    FonellaEmulatorExtensionIT(FonellaEmulator emulator) {
        this.constructed = emulator;
    }

    @Test
    @Order(1)
    void injectsARunningEmulatorAndAClientForItsDefaultAccount(FonellaEmulator emulator, FonellaClient client) {
        first = emulator;

        assertThat(emulator).isSameAs(constructed);
        assertThat(emulator.isRunning()).isTrue();
        assertThat(client.baseUri().toString()).isEqualTo(emulator.baseUrl() + "/");
        assertThat(client).isSameAs(emulator.client());
        client.tools().create(CreateToolRequest.builder().name("keptForTheNextTest").description("d")
                .url("https://shop.example.com/t").build());
    }

    @Test
    @Order(2)
    void sharesTheEmulatorAndItsStateAcrossTheClass(FonellaEmulator emulator, FonellaClient client) {
        assertThat(emulator).isSameAs(first);
        assertThat(client.tools().findByName("keptForTheNextTest")).isPresent();
    }

    @Test
    @Order(3)
    void appliesTheAnnotationsSettings(FonellaEmulator emulator, FonellaClient client) {
        try (HttpReceiver slow = HttpReceiver.answering(r -> Reply.result("late").after(Duration.ofSeconds(1)))) {
            client.tools().create(CreateToolRequest.builder().name("slowTool").description("d")
                    .url(slow.url("/slow")).build());

            Call call = emulator.placeCall(CallScript.builder().toolCall("slowTool", Map.of()).build());

            assertThat(call.transcript()).isEqualTo("Tool: slowTool failed: the tool did not answer within 200 ms");
        }
    }

    @Nested
    class NestedTests {

        @Test
        void nestedClassesShareTheOuterEmulator(FonellaEmulator emulator) {
            assertThat(emulator).isSameAs(constructed);
            assertThat(emulator.isRunning()).isTrue();
        }
    }
}
