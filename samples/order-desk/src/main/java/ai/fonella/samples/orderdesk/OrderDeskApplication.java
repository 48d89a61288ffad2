package ai.fonella.samples.orderdesk;

import ai.fonella.samples.orderdesk.demo.DemoMode;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

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
}
