package ai.fonella.maven;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

class SyncMojoTests {

    @Test
    void refusesAPackageSelectionWithNoToolWhilePruning() {
        assertThatThrownBy(() -> SyncMojo.refuseToPruneEverything(List.of(), true, List.of("com.example.config")))
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("No @FonellaTool methods were found in packages [com.example.config]")
                .hasMessageContaining("would delete every tool this app has registered")
                .hasMessageContaining("run without <packages>")
                .hasMessageEndingWith("Nothing was changed.");
    }

    @Test
    void letsAProjectWithNoToolsLeftPruneThemOnPurposeAndAnEmptySelectionSyncWithoutPruning() {
        assertThatCode(() -> SyncMojo.refuseToPruneEverything(List.of(), true, null)).doesNotThrowAnyException();
        assertThatCode(() -> SyncMojo.refuseToPruneEverything(List.of(), true, List.of())).doesNotThrowAnyException();
        assertThatCode(() -> SyncMojo.refuseToPruneEverything(List.of(), false, List.of("com.example.config")))
                .doesNotThrowAnyException();
    }
}
