package ai.fonella.spring.boot.reliability;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The app most reliability tests run against: the probe tools and handlers, no component scanning
 * (so other test apps in this package stay out).
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ProbeTools.class, ProbeHandlers.class})
public class ReliabilityApp {
}
