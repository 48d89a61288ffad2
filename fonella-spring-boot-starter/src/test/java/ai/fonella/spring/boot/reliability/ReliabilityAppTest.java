package ai.fonella.spring.boot.reliability;

import ai.fonella.spring.boot.test.AutoConfigureFonellaEmulator;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * {@link ReliabilityApp} on a random port against an emulator, with one set of properties shared by
 * every test class that uses it, so they share one cached context:
 * <ul>
 *   <li>{@code fonella.max-body-size=2MB}, so a 1 MiB argument reaches binding;</li>
 *   <li>{@code fonella.tools.timeout=1s}, the deadline item 12 measures against;</li>
 *   <li>the event dispatcher's ERROR logs of deliberately failing handlers switched off.</li>
 * </ul>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(classes = ReliabilityApp.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "fonella.max-body-size=2MB",
        "fonella.tools.timeout=1s",
        "logging.level.ai.fonella.event.EventDispatcher=OFF"})
@AutoConfigureFonellaEmulator
@interface ReliabilityAppTest {
}
