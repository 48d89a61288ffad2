package ai.fonella.test;

import ai.fonella.client.FonellaClient;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * JUnit Jupiter extension that starts one {@link FonellaEmulator} per top-level test class and
 * injects it, and a {@link FonellaClient} for its default account, into test and lifecycle methods
 * and constructors. Use it through {@link FonellaEmulatorTest}, or register a configured instance:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final FonellaEmulatorExtension EMULATOR = new FonellaEmulatorExtension(
 *         () -> FonellaEmulator.builder().toolTimeout(Duration.ofMillis(300)));
 *
 * @Test
 * void slowToolBecomesAnError() {
 *     FonellaEmulator emulator = EMULATOR.emulator();
 *     ...
 * }
 * }</pre>
 */
public final class FonellaEmulatorExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(FonellaEmulatorExtension.class);
    private static final String KEY = "emulator";

    private final Supplier<FonellaEmulator.Builder> builder;
    private volatile FonellaEmulator registered;

    /** An extension configured by the test class's {@link FonellaEmulatorTest}, or the defaults. */
    public FonellaEmulatorExtension() {
        this.builder = null;
    }

    /**
     * An extension that builds its emulator from this builder, for {@code @RegisterExtension}.
     *
     * @param builder supplies a configured builder
     */
    public FonellaEmulatorExtension(Supplier<FonellaEmulator.Builder> builder) {
        this.builder = Objects.requireNonNull(builder, "builder");
    }

    /**
     * The emulator of the running test class, for extensions registered with
     * {@code @RegisterExtension}.
     *
     * @return the running emulator
     * @throws IllegalStateException outside a test class's lifecycle
     */
    public FonellaEmulator emulator() {
        FonellaEmulator emulator = registered;
        if (emulator == null) {
            throw new IllegalStateException("The Fonella emulator is not running: emulator() is available from "
                    + "@BeforeAll to @AfterAll of a test class that registers this extension.");
        }
        return emulator;
    }

    /** Starts the emulator of the top-level class (nested classes reuse it). */
    @Override
    public void beforeAll(ExtensionContext context) {
        registered = emulator(context);
    }

    /** Closes the emulator after the top-level class. */
    @Override
    public void afterAll(ExtensionContext context) {
        ExtensionContext top = topLevel(context);
        if (top == context) {
            FonellaEmulator emulator = top.getStore(NAMESPACE).remove(KEY, FonellaEmulator.class);
            if (emulator != null) {
                emulator.close();
            }
            registered = null;
        }
    }

    /** Resets the emulator when the class asks for it with {@link FonellaEmulatorTest#resetBeforeEach()}. */
    @Override
    public void beforeEach(ExtensionContext context) {
        if (annotation(context).map(FonellaEmulatorTest::resetBeforeEach).orElse(false)) {
            emulator(context).reset();
        }
    }

    /**
     * Supports parameters of type {@link FonellaEmulator} and {@link FonellaClient}.
     *
     * @param parameterContext the parameter
     * @param extensionContext the context
     * @return whether this extension resolves it
     */
    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == FonellaEmulator.class || type == FonellaClient.class;
    }

    /**
     * The class's emulator, or a client for its default account.
     *
     * @param parameterContext the parameter
     * @param extensionContext the context
     * @return the value
     */
    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        FonellaEmulator emulator = emulator(extensionContext);
        Class<?> type = parameterContext.getParameter().getType();
        if (type == FonellaEmulator.class) {
            return emulator;
        }
        if (type == FonellaClient.class) {
            return emulator.client();
        }
        throw new ParameterResolutionException("FonellaEmulatorExtension cannot resolve " + type.getName());
    }

    @SuppressWarnings("deprecation") // computeIfAbsent, its JUnit 6 successor, is missing from JUnit 5
    private FonellaEmulator emulator(ExtensionContext context) {
        ExtensionContext top = topLevel(context);
        return top.getStore(NAMESPACE).getOrComputeIfAbsent(KEY, key -> create(top), FonellaEmulator.class);
    }

    private FonellaEmulator create(ExtensionContext context) {
        FonellaEmulator.Builder configured = builder != null ? builder.get() : fromAnnotation(context);
        return configured.build().start();
    }

    private static FonellaEmulator.Builder fromAnnotation(ExtensionContext context) {
        FonellaEmulator.Builder configured = FonellaEmulator.builder();
        annotation(context).ifPresent(settings -> configured
                .allowLoopbackHttp(settings.allowLoopbackHttp())
                .signatureScheme(settings.signatureScheme())
                .toolTimeout(Duration.ofMillis(settings.toolTimeoutMillis())));
        return configured;
    }

    private static Optional<FonellaEmulatorTest> annotation(ExtensionContext context) {
        return AnnotationSupport.findAnnotation(topLevel(context).getTestClass(), FonellaEmulatorTest.class);
    }

    /** The context of the outermost test class: the child of the engine's root context. */
    private static ExtensionContext topLevel(ExtensionContext context) {
        ExtensionContext current = context;
        while (current.getParent().isPresent() && current.getParent().get().getParent().isPresent()) {
            current = current.getParent().get();
        }
        return current;
    }
}
