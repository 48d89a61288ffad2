package ai.fonella.bench.app;

import ai.fonella.bench.tools.BookingTools;
import ai.fonella.bench.tools.CallEvents;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;

/**
 * Issue 7, item 5: the app the load script drives. It serves {@link BookingTools#bookTable} and the
 * {@link CallEvents} handler twice: through the starter ({@code POST /fonella/tools/bookTable},
 * {@code POST /fonella/webhooks}) and through the hand-written {@link ManualController}
 * ({@code /manual/...}), in the same JVM, so both see the same server, JIT and load. Configuration:
 * {@code application-bench.properties}; no API key, so nothing is registered anywhere.
 */
@SpringBootApplication
public class BenchApp {

    /** The tool secret both endpoints check. */
    public static final String TOOL_SECRET = "bench-tool-secret-0123456789abcdef";

    /** The webhook signing secret both endpoints check. */
    public static final String WEBHOOK_SECRET = "whsec_bench_ssssssssssssssssssssssssssssssss";

    @Bean
    BookingTools bookingTools() {
        return new BookingTools();
    }

    @Bean
    CallEvents callEvents(@Value("${bench.handler-cpu-micros:0}") long workMicros) {
        return new CallEvents(workMicros);
    }

    /** Writes the bound port to the file named by {@code -Dbench.port-file}, for the load script. */
    @Bean
    ApplicationListener<WebServerInitializedEvent> portFileWriter() {
        return event -> {
            String file = System.getProperty("bench.port-file");
            if (file != null) {
                try {
                    Path target = Path.of(file);
                    Path temp = Files.writeString(target.resolveSibling(target.getFileName() + ".tmp"),
                            Integer.toString(event.getWebServer().getPort()));
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(BenchApp.class);
        app.setAdditionalProfiles("bench");
        app.run(args);
    }
}
