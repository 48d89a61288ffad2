package ai.fonella.spring.boot.it.more;

import ai.fonella.event.CallEndedEvent;
import ai.fonella.event.OnFonellaEvent;
import ai.fonella.tool.FonellaTool;
import io.micrometer.observation.tck.TestObservationRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.web.SecurityFilterChain;

/** Small apps for single-purpose integration tests. */
final class MoreApps {

    private MoreApps() {
    }

    /** An app with neither tools nor event handlers. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class EmptyApp {
    }

    /** One tool, one handler. */
    static class EchoBeans {
        final List<String> endedCalls = new CopyOnWriteArrayList<>();

        @FonellaTool(description = "Echo the text back")
        public String echo(String text) {
            return text;
        }

        @OnFonellaEvent
        public void ended(CallEndedEvent event) {
            endedCalls.add(event.call().id());
        }
    }

    /** The echo app, observed by a test observation registry. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class EchoApp {
        @Bean
        EchoBeans echoBeans() {
            return new EchoBeans();
        }

        @Bean
        TestObservationRegistry observationRegistry() {
            return TestObservationRegistry.create();
        }
    }

    /**
     * The echo app behind Spring Security: everything needs a login except the Fonella endpoints,
     * which authenticate with the tool secret and webhook signatures and are excluded from CSRF.
     */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(SecurityConfiguration.class)
    static class SecuredApp {
        @Bean
        EchoBeans echoBeans() {
            return new EchoBeans();
        }
    }

    /** The echo app behind Spring Security that leaves the Fonella endpoints out of its rules. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(LockedSecurityConfiguration.class)
    static class LockedApp {
        @Bean
        EchoBeans echoBeans() {
            return new EchoBeans();
        }
    }

    /** What a Spring Security setup without the README's rules does: everything needs a login, and CSRF. */
    @Configuration(proxyBeanMethods = false)
    @EnableWebSecurity
    static class LockedSecurityConfiguration {
        @Bean
        SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
            http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated()).httpBasic(basic -> { });
            return http.build();
        }
    }

    /** The configuration the README recommends. */
    @Configuration(proxyBeanMethods = false)
    @EnableWebSecurity
    static class SecurityConfiguration {
        @Bean
        SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
            http.authorizeHttpRequests(requests -> requests
                            .requestMatchers("/fonella/**").permitAll()
                            .anyRequest().authenticated())
                    .csrf(csrf -> csrf.ignoringRequestMatchers("/fonella/**"))
                    .httpBasic(basic -> { });
            return http.build();
        }
    }
}
