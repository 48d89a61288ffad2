package ai.fonella.samples.orderdesk.demo;

import ai.fonella.samples.orderdesk.OrderDeskApplication;
import org.springframework.boot.SpringApplication;

/**
 * Runs Order Desk in demo mode: {@link DemoMode} starts the Fonella emulator in this JVM when no
 * {@code fonella.api-key} is set, and {@link DemoConfiguration} places a scripted call once the app
 * is ready. It lives with the tests, as a Spring Boot test application does, so that the app itself
 * never carries the emulator: {@code mvn -q -pl samples/order-desk -am -Pdemo verify} runs it with
 * {@code spring-boot:test-run}.
 */
public final class OrderDeskDemo {

    private OrderDeskDemo() {
    }

    /**
     * Starts the app with demo mode.
     *
     * @param args the app's arguments, e.g. {@code --server.port=9090}
     */
    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(OrderDeskApplication.class);
        application.addListeners(new DemoMode());
        application.run(args);
    }
}
