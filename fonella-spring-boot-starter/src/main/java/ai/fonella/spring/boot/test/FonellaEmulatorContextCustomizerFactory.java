package ai.fonella.spring.boot.test;

import java.util.List;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.util.ClassUtils;

/**
 * Starts a Fonella emulator for test classes annotated with {@link AutoConfigureFonellaEmulator}.
 * Registered in {@code META-INF/spring.factories}; inert for other test classes.
 */
final class FonellaEmulatorContextCustomizerFactory implements ContextCustomizerFactory {

    private static final String EMULATOR_CLASS = "ai.fonella.test.FonellaEmulator";

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        if (!TestContextAnnotationUtils.hasAnnotation(testClass, AutoConfigureFonellaEmulator.class)) {
            return null;
        }
        if (!ClassUtils.isPresent(EMULATOR_CLASS, testClass.getClassLoader())) {
            throw new IllegalStateException("@AutoConfigureFonellaEmulator on " + testClass.getName() + " needs the "
                    + "emulator: add the dependency ai.fonella:fonella-test with <scope>test</scope>.");
        }
        return new FonellaEmulatorContextCustomizer();
    }
}
