package ai.fonella.tool;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Java application has nothing Kotlin on its class path: Kotlin reflection, kotlinx-coroutines and
 * jackson-module-kotlin are optional dependencies of core, and core defines and invokes Java tools
 * without them.
 */
class WithoutKotlinTests {

    @Test
    void definesAndInvokesJavaToolsWhenNothingKotlinIsOnTheClassPath(@TempDir Path dir) throws Exception {
        WithoutJakartaValidationTests.definesAndInvokesWithout(dir, "kotlin", "kotlin.Metadata");
    }
}
