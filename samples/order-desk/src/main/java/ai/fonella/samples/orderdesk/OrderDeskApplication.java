package ai.fonella.samples.orderdesk;

import ai.fonella.samples.orderdesk.demo.DemoMode;
import ai.fonella.tool.ToolDefinition;
import ai.fonella.tool.ToolErrorPolicy;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import java.util.stream.Collectors;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A shop's phone line: the Fonella assistant looks up orders and books callbacks through the
 * {@code @FonellaTool} methods of {@code OrderTools} and {@code CallbackTools}, and
 * {@code CallEvents} stores every finished call from its webhook events.
 *
 * <p>Run it with {@code FONELLA_API_KEY} and {@code FONELLA_PUBLIC_URL} set to go live. Without an
 * API key, {@link DemoMode} starts the Fonella emulator in this JVM and places a scripted call.
 */
@SpringBootApplication
public class OrderDeskApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(OrderDeskApplication.class);
        application.addListeners(new DemoMode()); // the demo; delete this line and the demo package in your app
        application.run(args);
    }

    /**
     * Lets the assistant say what was wrong with the arguments when a Jakarta constraint of a
     * {@code @Validated} tool bean rejects them, instead of the generic error text.
     */
    @Bean
    ToolErrorPolicy speakConstraintViolations() {
        return new ToolErrorPolicy() {
            @Override
            public String onFailure(ToolDefinition tool, Throwable error, String genericText) {
                if (error instanceof ConstraintViolationException violations
                        && !violations.getConstraintViolations().isEmpty()) {
                    return violations.getConstraintViolations().stream()
                            .map(ConstraintViolation::getMessage)
                            .sorted()
                            .collect(Collectors.joining(" "));
                }
                return genericText;
            }
        };
    }
}
