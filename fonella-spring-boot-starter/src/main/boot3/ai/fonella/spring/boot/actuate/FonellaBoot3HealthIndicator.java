package ai.fonella.spring.boot.actuate;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * {@link FonellaHealth} as a Spring Boot 3.5 health indicator: {@code /actuator/health/fonella}. Boot 4
 * moved these types to {@code org.springframework.boot.health.contributor}, where
 * {@link FonellaHealthIndicator} implements them. Compiled against Boot 3.5's actuator (see the
 * starter's {@code pom.xml}), and used only on Boot 3.5.
 */
public class FonellaBoot3HealthIndicator implements HealthIndicator {

    private final FonellaHealth health;

    /**
     * @param health what to report
     */
    public FonellaBoot3HealthIndicator(FonellaHealth health) {
        this.health = health;
    }

    @Override
    public Health health() {
        FonellaHealth.Report report = health.report();
        return Health.status(report.status().name()).withDetails(report.details()).build();
    }
}
