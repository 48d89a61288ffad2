package ai.fonella.spring.boot.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a {@code @SpringBootTest} against a {@code FonellaEmulator} from {@code fonella-test}: the
 * emulator starts on a random loopback port with the application context, {@code fonella.api-key}
 * and {@code fonella.base-url} point at it, and it stops when the context closes. The emulator and
 * a {@link FonellaTestClient} are beans the test can autowire.
 *
 * <pre>{@code
 * @SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
 * @AutoConfigureFonellaEmulator
 * class OrderToolsIT {
 *     @Autowired FonellaEmulator emulator;
 *     @Autowired FonellaTestClient fonella;
 *
 *     @Test
 *     void looksUpAnOrder() {
 *         assertThat(fonella.invokeTool("lookupOrder", "{\"orderNumber\":\"A-1\"}").result()).contains("shipped");
 *     }
 * }
 * }</pre>
 *
 * <p>The app registers its tools and webhook at its own loopback address, so simulated calls
 * ({@code emulator.placeCall(...)}) reach it: a {@code fonella.public-url} that is not a loopback
 * address (the production one, from {@code FONELLA_PUBLIC_URL} or {@code application.properties}) is
 * set aside for the test, with an INFO line saying so. The emulator
 * signs deliveries with the scheme in {@code fonella.webhooks.signature-scheme}. Contexts are cached
 * between test classes as usual, and the emulator with them: prefer {@code clearRecordings()} to
 * {@code reset()}, which would also remove the tools the app registered.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface AutoConfigureFonellaEmulator {
}
