package ai.fonella.spring.boot.test;

import java.util.List;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Starts a Fonella emulator for test classes annotated with {@link AutoConfigureFonellaEmulator}.
 * Registered in {@code META-INF/spring.factories}; inert for other test classes.
 */
final class FonellaEmulatorContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        if (!TestContextAnnotationUtils.hasAnnotation(testClass, AutoConfigureFonellaEmulator.class)) {
            return null;
        }
        return new FonellaEmulatorContextCustomizer();
    }
}
