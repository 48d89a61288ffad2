package ai.fonella.samples.orderdesk.demo;

import ai.fonella.test.FonellaEmulator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.GenericApplicationListener;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Demo mode, added by {@link OrderDeskDemo}: when no {@code fonella.api-key} is
 * configured, it starts the Fonella emulator in this JVM and points {@code fonella.api-key} and
 * {@code fonella.base-url} at it before any bean exists. The starter then registers the tools and
 * the webhook subscription with the emulator (at the app's own loopback port, since no
 * {@code fonella.public-url} is set), and {@link DemoConfiguration} places a scripted call once
 * the app is ready.
 *
 * <p>Never active when an API key is set (the real service), with
 * {@code order-desk.demo.enabled=false}, or in tests, which do not run {@link OrderDeskDemo}.
 */
public final class DemoMode implements GenericApplicationListener {

    /** Set by demo mode; {@link DemoConfiguration} exists only when it is {@code true}. */
    public static final String ACTIVE_PROPERTY = "order-desk.demo.active";

    /** Set to {@code false} to start without an API key and without the emulator. */
    public static final String ENABLED_PROPERTY = "order-desk.demo.enabled";

    /** Name of the emulator bean. */
    public static final String EMULATOR_BEAN = "fonellaEmulator";

    private FonellaEmulator emulator;

    @Override
    public boolean supportsEventType(ResolvableType eventType) {
        Class<?> type = eventType.toClass();
        return ApplicationEnvironmentPreparedEvent.class.isAssignableFrom(type)
                || ApplicationPreparedEvent.class.isAssignableFrom(type)
                || ContextClosedEvent.class.isAssignableFrom(type)
                || ApplicationFailedEvent.class.isAssignableFrom(type);
    }

    /** After the configuration files are read, before logging is set up, so the demo can set both. */
    @Override
    public int getOrder() {
        return LoggingApplicationListener.DEFAULT_ORDER - 1;
    }

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
            start(prepared.getEnvironment());
        } else if (event instanceof ApplicationPreparedEvent prepared && emulator != null) {
            prepared.getApplicationContext().getBeanFactory().registerSingleton(EMULATOR_BEAN, emulator);
            LoggerFactory.getLogger(DemoMode.class).info("No fonella.api-key is set, so this is the demo: the Fonella "
                    + "emulator runs in this JVM at {} and the app registers with it as it would with the real "
                    + "service.", emulator.baseUrl());
        } else if (event instanceof ContextClosedEvent || event instanceof ApplicationFailedEvent) {
            stop();
        }
    }

    private void start(ConfigurableEnvironment environment) {
        if (emulator != null || StringUtils.hasText(environment.getProperty("fonella.api-key"))
                || !environment.getProperty(ENABLED_PROPERTY, Boolean.class, true)) {
            return;
        }
        emulator = FonellaEmulator.builder().start();

        Map<String, Object> demo = new LinkedHashMap<>();
        demo.put("fonella.api-key", emulator.apiKey());
        demo.put("fonella.base-url", emulator.baseUrl());
        demo.put("fonella.public-url", ""); // the emulator reaches the app on its loopback port
        demo.put(ACTIVE_PROPERTY, "true");
        environment.getPropertySources().addFirst(new MapPropertySource("fonellaDemo", demo));

        // A console that tells the story; anything configured elsewhere wins.
        Map<String, Object> console = new LinkedHashMap<>();
        console.put("logging.pattern.console",
                "%clr(%d{HH:mm:ss.SSS}){faint} %clr(%5p) %clr(%-22.22logger{0}){cyan} %m%n%wEx");
        console.put("logging.level.root", "WARN");
        console.put("logging.level.ai.fonella", "INFO");
        console.put("logging.level.ai.fonella.samples.orderdesk.calls", "DEBUG"); // the transcript as it happens
        console.put("spring.main.banner-mode", "off");
        console.put("spring.main.log-startup-info", "false");
        environment.getPropertySources().addLast(new MapPropertySource("fonellaDemoConsole", console));
    }

    private void stop() {
        if (emulator != null) {
            emulator.close();
            emulator = null;
        }
    }
}
