package ai.fonella.spring.boot.it.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** A small shop app used by the starter's integration tests. */
@SpringBootApplication
public class OrderApp {

    @Bean
    CallbackTools callbackTools() {
        return new CallbackTools();
    }

    @Bean
    GreetingTools greetingTools() {
        return new DefaultGreetingTools();
    }
}
