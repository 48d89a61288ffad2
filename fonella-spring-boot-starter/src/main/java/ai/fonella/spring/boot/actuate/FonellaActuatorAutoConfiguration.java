package ai.fonella.spring.boot.actuate;

import ai.fonella.client.FonellaClient;
import ai.fonella.spring.boot.autoconfigure.FonellaAutoConfiguration;
import ai.fonella.spring.boot.autoconfigure.FonellaProperties;
import ai.fonella.spring.boot.autoconfigure.FonellaStartupSync;
import ai.fonella.spring.boot.registry.FonellaHandlerRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Actuator integration: the {@code fonella} health indicator and the {@code fonella} endpoint, when
 * Spring Boot Actuator is on the classpath. The endpoint's types are the same on Boot 3.5 and 4; the
 * health types moved in Boot 4, so this class registers the Boot 4 indicator only.
 */
@AutoConfiguration(after = FonellaAutoConfiguration.class)
public final class FonellaActuatorAutoConfiguration {

    /** The health indicator on Boot 4; {@link FonellaBoot3HealthAutoConfiguration} has Boot 3.5's. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    @ConditionalOnEnabledHealthIndicator("fonella")
    static final class HealthIndicatorConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "fonellaHealthIndicator")
        FonellaHealthIndicator fonellaHealthIndicator(ObjectProvider<FonellaClient> client, FonellaStartupSync sync,
                FonellaHandlerRegistry registry, FonellaProperties properties) {
            return new FonellaHealthIndicator(new FonellaHealth(client.getIfAvailable(), sync, registry, properties));
        }
    }

    /** The endpoint. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({Endpoint.class, ConditionalOnAvailableEndpoint.class})
    static final class EndpointConfiguration {

        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnAvailableEndpoint
        FonellaEndpoint fonellaEndpoint(FonellaHandlerRegistry registry, FonellaStartupSync sync) {
            return new FonellaEndpoint(registry, sync);
        }
    }
}
