package ai.fonella.samples.orderdesk.demo;

import ai.fonella.client.FonellaClient;
import ai.fonella.samples.orderdesk.callbacks.CallbackRepository;
import ai.fonella.samples.orderdesk.calls.CallRepository;
import ai.fonella.spring.boot.autoconfigure.FonellaProperties;
import ai.fonella.spring.boot.autoconfigure.FonellaStartupSync;
import ai.fonella.sync.ToolEndpoint;
import ai.fonella.test.FonellaEmulator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The demo's beans, present only when {@link DemoMode} started the emulator. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = DemoMode.ACTIVE_PROPERTY, havingValue = "true")
class DemoConfiguration {

    @Bean
    DemoCall demoCall(FonellaEmulator emulator, FonellaClient client, FonellaStartupSync sync, CallRepository calls,
            CallbackRepository callbacks, Environment environment) {
        return new DemoCall(emulator, client, sync, calls, callbacks, environment);
    }

    /** Logs each tool invocation and webhook delivery the app receives. */
    @Bean
    FilterRegistrationBean<FonellaTrafficLog> fonellaTrafficLog(FonellaProperties properties) {
        String basePath = ToolEndpoint.normalizeBasePath(properties.getBasePath());
        FilterRegistrationBean<FonellaTrafficLog> registration = new FilterRegistrationBean<>(
                new FonellaTrafficLog(basePath));
        registration.addUrlPatterns(basePath + "/*");
        return registration;
    }
}
