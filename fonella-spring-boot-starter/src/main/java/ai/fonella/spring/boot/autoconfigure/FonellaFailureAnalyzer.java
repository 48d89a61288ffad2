package ai.fonella.spring.boot.autoconfigure;

import ai.fonella.spring.boot.registry.FonellaStartupException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Prints a {@link FonellaStartupException} as Spring Boot's "APPLICATION FAILED TO START" report,
 * with its description and action.
 */
final class FonellaFailureAnalyzer extends AbstractFailureAnalyzer<FonellaStartupException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, FonellaStartupException cause) {
        return new FailureAnalysis(cause.description(), cause.action(), cause);
    }
}
