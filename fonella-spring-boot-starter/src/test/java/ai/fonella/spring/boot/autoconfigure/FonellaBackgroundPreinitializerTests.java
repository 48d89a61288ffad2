package ai.fonella.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import ai.fonella.tool.ToolOutcome;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.preinitialize.BackgroundPreinitializer;
import org.springframework.core.io.support.SpringFactoriesLoader;

class FonellaBackgroundPreinitializerTests {

    @Test
    void bootsBackgroundThreadFindsItAndItRuns() throws Exception {
        // loaded the way Boot's BackgroundPreinitializingApplicationListener loads its preinitializers
        List<BackgroundPreinitializer> found = SpringFactoriesLoader.forDefaultResourceLocation(
                getClass().getClassLoader()).load(BackgroundPreinitializer.class);

        assertThat(found).filteredOn(FonellaBackgroundPreinitializer.class::isInstance).hasSize(1);
        for (BackgroundPreinitializer preinitializer : found) {
            if (preinitializer instanceof FonellaBackgroundPreinitializer) {
                preinitializer.preinitialize(); // throws if any of its warm-ups cannot run on this JVM
            }
        }
    }

    @ParameterizedTest(name = "schemas from the build: {0}")
    @ValueSource(booleans = {false, true})
    void theRehearsalToolRunsThePathEveryToolTakes(boolean schemasFromBuild) throws Exception {
        ToolOutcome outcome = new FonellaBackgroundPreinitializer().rehearse(schemasFromBuild);

        assertThat(outcome.status()).as(outcome.result()).isEqualTo(ToolOutcome.Status.SUCCESS);
        assertThat(outcome.result()).isEqualTo("nOrder[id=A-1, quantity=2, size=LARGE]");
    }
}
