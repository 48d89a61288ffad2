package ai.fonella.spring.boot.it.sync;

import ai.fonella.event.CallEndedEvent;
import ai.fonella.event.OnFonellaEvent;
import ai.fonella.tool.FonellaTool;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/** An app started and stopped by hand, several times against one emulator. */
@SpringBootConfiguration
@EnableAutoConfiguration
public class SyncApp {

    @Bean
    ShopTools shopTools() {
        return new ShopTools();
    }

    @Bean
    @ConditionalOnProperty("app.extra-tool")
    ExtraTools extraTools() {
        return new ExtraTools();
    }

    @Bean
    @ConditionalOnProperty("app.handlers")
    Handlers handlers() {
        return new Handlers();
    }

    /**
     * Starts the app on a random port.
     *
     * @param properties extra properties, {@code name=value}
     * @return the running context
     */
    public static ConfigurableApplicationContext start(Map<String, String> properties) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--spring.main.banner-mode=off",
                "--management.endpoints.web.exposure.include=health,fonella",
                "--management.endpoint.health.show-details=always"));
        properties.forEach((name, value) -> args.add("--" + name + "=" + value));
        SpringApplication application = new SpringApplicationBuilder(SyncApp.class).build();
        return application.run(args.toArray(String[]::new));
    }

    /** Always present. */
    public static class ShopTools {
        @FonellaTool(description = "Look up an order")
        public String lookupOrder(String orderNumber) {
            return "Order " + orderNumber + " has shipped.";
        }
    }

    /** Present with {@code app.extra-tool=true}. */
    public static class ExtraTools {
        @FonellaTool(description = "Check stock of a product")
        public String checkStock(String sku) {
            return sku + " is in stock.";
        }
    }

    /** Present with {@code app.handlers=true}. */
    public static class Handlers {
        @OnFonellaEvent
        public void ended(CallEndedEvent event) {
        }
    }
}
