package ai.fonella.spring.boot.actuate;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** {@link FonellaHealth} as a Spring Boot 4 health indicator: {@code /actuator/health/fonella}. */
public class FonellaHealthIndicator implements HealthIndicator {

    private final FonellaHealth health;

    /**
     * @param health what to report
     */
    public FonellaHealthIndicator(FonellaHealth health) {
        this.health = health;
    }

    @Override
    public Health health() {
        FonellaHealth.Report report = health.report();
        return Health.status(report.status().name()).withDetails(report.details()).build();
    }
}
