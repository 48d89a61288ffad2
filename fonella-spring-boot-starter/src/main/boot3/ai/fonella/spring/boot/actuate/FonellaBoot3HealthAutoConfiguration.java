package ai.fonella.spring.boot.actuate;

import ai.fonella.client.FonellaClient;
import ai.fonella.spring.boot.autoconfigure.FonellaAutoConfiguration;
import ai.fonella.spring.boot.autoconfigure.FonellaProperties;
import ai.fonella.spring.boot.autoconfigure.FonellaStartupSync;
import ai.fonella.spring.boot.registry.FonellaHandlerRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code fonella} health indicator on Spring Boot 3.5, whose health types Boot 4 moved. Inert on
 * Boot 4, where {@link FonellaActuatorAutoConfiguration} registers {@link FonellaHealthIndicator}; the
 * rest of the Actuator integration (the {@code fonella} endpoint) is the same on both lines.
 */
@AutoConfiguration(after = FonellaAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
public final class FonellaBoot3HealthAutoConfiguration {

    /** Behind a nested class, so that Boot 4 never reads the Boot 3 condition below. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnEnabledHealthIndicator("fonella")
    static final class HealthIndicatorConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "fonellaHealthIndicator")
        FonellaBoot3HealthIndicator fonellaHealthIndicator(ObjectProvider<FonellaClient> client,
                FonellaStartupSync sync, FonellaHandlerRegistry registry, FonellaProperties properties) {
            return new FonellaBoot3HealthIndicator(new FonellaHealth(client.getIfAvailable(), sync, registry,
                    properties));
        }
    }
}
