package com.example.security;

import ai.fonella.event.CallEndedEvent;
import ai.fonella.event.OnFonellaEvent;
import ai.fonella.tool.FonellaTool;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.stereotype.Component;

/**
 * An app behind Spring Security with Boot's own security auto-configuration
 * (spring-boot-starter-security), under a DispatcherServlet path (application.properties), with the
 * README's chain exactly as printed.
 */
@SpringBootApplication
public class SecurityApp {

    public static void main(String[] args) {
        SpringApplication.run(SecurityApp.class, args);
    }

    /** The README's "With Spring Security" chain, as printed. */
    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/fonella/**", "/error").permitAll()
                        .requestMatchers("/actuator/health/**").permitAll()
                        .anyRequest().authenticated())
                .csrf(csrf -> csrf.ignoringRequestMatchers("/fonella/**"))
                .httpBasic(Customizer.withDefaults());
        return http.build();
    }

    /** One tool and one event handler. */
    @Component
    public static class EchoBeans {
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
}
