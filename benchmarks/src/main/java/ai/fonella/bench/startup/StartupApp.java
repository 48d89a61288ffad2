package ai.fonella.bench.startup;

import ai.fonella.bench.tools.TwentyTools;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * Issue 7, item 6: a web app with the 20 {@link TwentyTools} tools, started once per JVM by
 * {@link StartupHarness}, with or without the starter (the harness excludes its auto-configuration
 * with {@code spring.autoconfigure.exclude}). Prints one line:
 * {@code STARTUP refreshToReadyMs=... runMs=... uptimeAtReadyMs=... tools=...}, where refresh to
 * ready is from {@link ApplicationPreparedEvent} (the context is about to be refreshed) to
 * {@link ApplicationReadyEvent}; the starter's startup sync runs in between (a {@code SmartLifecycle}).
 */
@SpringBootConfiguration
// the benchmarks module carries JDBC and Redis for the store benchmark; this app measures neither
@EnableAutoConfiguration(excludeName = {"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration"})
public class StartupApp {

    private static volatile long prepared;
    private static volatile long ready;

    @Bean
    TwentyTools twentyTools() {
        return new TwentyTools();
    }

    public static void main(String[] args) {
        long start = System.nanoTime();
        SpringApplication app = new SpringApplication(StartupApp.class);
        app.addListeners(event -> {
            if (event instanceof ApplicationPreparedEvent) {
                prepared = System.nanoTime();
            } else if (event instanceof ApplicationReadyEvent) {
                ready = System.nanoTime();
            }
        });
        ConfigurableApplicationContext context = app.run(args);
        long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
        int tools = 0;
        if (context.containsBean("fonellaHandlerRegistry")) {
            tools = context.getBean(ai.fonella.spring.boot.registry.FonellaHandlerRegistry.class).tools().size();
        }
        System.out.println(String.format(Locale.ROOT, "STARTUP refreshToReadyMs=%.2f runMs=%.2f uptimeAtReadyMs=%d tools=%d",
                (ready - prepared) / 1e6, (ready - start) / 1e6, uptime, tools));
        System.out.flush();
        int code = SpringApplication.exit(context);
        System.exit(code);
    }
}
