package ai.fonella.spring.boot.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains the start failure of a Spring Boot 3.5 app whose dependency management pins
 * {@code jackson-annotations} below what the SDK's Jackson 3 needs (2.20 or newer): a
 * {@code NoClassDefFoundError} for an annotation such as {@code JsonSerializeAs}, with the fix.
 */
final class JacksonAnnotationsFailureAnalyzer extends AbstractFailureAnalyzer<NoClassDefFoundError> {

    private static final String ANNOTATIONS_PACKAGE = "com/fasterxml/jackson/annotation/";

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, NoClassDefFoundError cause) {
        String missing = cause.getMessage();
        if (missing == null || !missing.startsWith(ANNOTATIONS_PACKAGE)) {
            return null;
        }
        return new FailureAnalysis("Jackson 3, which Fonella uses, needs com.fasterxml.jackson.core:jackson-annotations "
                + "2.20 or newer, but the application has an older one without " + missing.replace('/', '.')
                + ". Spring Boot 3.5's dependency management pins it for the application's Jackson 2.",
                "Manage jackson-annotations 2.21 in your build; your Jackson 2 keeps its version. In Maven's "
                + "<dependencyManagement>: <dependency><groupId>com.fasterxml.jackson.core</groupId>"
                + "<artifactId>jackson-annotations</artifactId><version>2.21</version></dependency> "
                + "(see the README, \"Spring Boot lines and JDKs\").", cause);
    }
}
