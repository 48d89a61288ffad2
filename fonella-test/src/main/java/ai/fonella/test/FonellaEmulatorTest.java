package ai.fonella.test;

import ai.fonella.webhook.SignatureScheme;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against one {@link FonellaEmulator}, started before the first test and closed
 * after the last. Test methods and constructors may declare parameters of type
 * {@link FonellaEmulator} and {@code ai.fonella.client.FonellaClient} (a client for the default
 * account). {@code @Nested} classes share the emulator of their top-level class.
 *
 * <pre>{@code
 * @FonellaEmulatorTest
 * class OrderToolIT {
 *     @Test
 *     void registersTheTool(FonellaEmulator emulator, FonellaClient client) {
 *         ...
 *     }
 * }
 * }</pre>
 *
 * @see FonellaEmulatorExtension
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(FonellaEmulatorExtension.class)
public @interface FonellaEmulatorTest {

    /**
     * Whether tool and webhook URLs may be {@code http://} to loopback hosts.
     *
     * @return {@code true} by default
     */
    boolean allowLoopbackHttp() default true;

    /**
     * How deliveries are signed.
     *
     * @return {@link SignatureScheme#FONELLA} by default
     */
    SignatureScheme signatureScheme() default SignatureScheme.FONELLA;

    /**
     * How long a tool may take to answer, in milliseconds.
     *
     * @return 5000 by default, the reference's limit
     */
    long toolTimeoutMillis() default 5000;

    /**
     * Whether to {@link FonellaEmulator#reset()} the emulator before each test, so that tests cannot
     * see each other's tools, webhooks, calls and recordings.
     *
     * @return {@code false} by default
     */
    boolean resetBeforeEach() default false;
}
