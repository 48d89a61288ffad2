package ai.fonella.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.fonella.model.CallStatus;
import ai.fonella.model.TranscriptMessage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Configuration and formatting details that need no running server. */
class FonellaEmulatorTests {

    @Test
    void builderRejectsImpossibleSettings() {
        assertThatThrownBy(() -> FonellaEmulator.builder().port(70000)).hasMessageContaining("between 0 and 65535");
        assertThatThrownBy(() -> FonellaEmulator.builder().toolTimeout(Duration.ZERO)).hasMessageContaining("positive");
        assertThatThrownBy(() -> FonellaEmulator.builder().deliveryBackoff(Duration.ofMillis(-1)))
                .hasMessageContaining("zero or positive");
        assertThatThrownBy(() -> FonellaEmulator.builder().apiKey("fon_live_same00000000000000000")
                .seedAccount("fon_live_same00000000000000000").build())
                .hasMessageContaining("already in use");
    }

    @Test
    void aBuiltEmulatorHasItsKeyButNoPortUntilStarted() {
        FonellaEmulator emulator = FonellaEmulator.builder().apiKey("fon_live_notstarted00000000000000").build();
        try {
            assertThat(emulator.apiKey()).isEqualTo("fon_live_notstarted00000000000000");
            assertThat(emulator.isRunning()).isFalse();
            assertThatThrownBy(emulator::baseUrl).hasMessageContaining("call start() first");
            assertThat(emulator.toString()).contains("stopped").doesNotContain("notstarted00000000000000");
        } finally {
            emulator.close();
        }
        assertThatThrownBy(emulator::start).hasMessageContaining("closed");
    }

    @Test
    void extensionOutsideATestClassHasNoEmulator() {
        assertThatThrownBy(() -> new FonellaEmulatorExtension().emulator())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("@BeforeAll to @AfterAll");
    }

    @Test
    void formatsCallDurationsAsTheReferenceShowsThem() {
        assertThat(Durations.formatCallDuration(0)).isEqualTo("0:00");
        assertThat(Durations.formatCallDuration(135)).isEqualTo("2:15");
        assertThat(Durations.formatCallDuration(3725)).isEqualTo("1:02:05");
        assertThat(Durations.describe(Duration.ofSeconds(5))).isEqualTo("5 s");
        assertThat(Durations.describe(Duration.ofMillis(300))).isEqualTo("300 ms");
    }

    @Test
    void estimatesCallDurationsFromTheScript() {
        CallScript script = CallScript.builder().user("one two three four five six").toolCall("t", "{}")
                .hang("wait").build();

        assertThat(CallRunner.estimateSeconds(script)).isEqualTo(2 + 2 + 1 + 2);
        assertThat(CallRunner.estimateSeconds(CallScript.builder().build())).isEqualTo(1);
    }

    @Test
    void transcriptsLabelEachRole() {
        assertThat(CallRunner.transcript(List.of(new TranscriptMessage("user", "Hi"),
                new TranscriptMessage("assistant", "Hello"), new TranscriptMessage("tool", "t: ok"))))
                .isEqualTo("User: Hi\nAssistant: Hello\nTool: t: ok");
        assertThat(CallRunner.transcript(List.of())).isNull();
        assertThat(CallStatus.valueOf("ENDED")).isEqualTo(CallStatus.ENDED);
    }
}
