package ai.fonella.samples.orderdesk;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A shop's phone line: the Fonella assistant looks up orders and books callbacks through the
 * {@code @FonellaTool} methods of {@code OrderTools} and {@code CallbackTools}, and
 * {@code CallEvents} stores every finished call from its webhook events.
 *
 * <p>Run it with {@code FONELLA_API_KEY} and {@code FONELLA_PUBLIC_URL} set to go live. The demo,
 * with the Fonella emulator in the same JVM, is {@code OrderDeskDemo} under {@code src/test}.
 */
@SpringBootApplication
public class OrderDeskApplication {

    public static void main(String[] args) {
        SpringApplication.run(OrderDeskApplication.class, args);
    }
}
