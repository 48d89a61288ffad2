package ai.fonella.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

class JacksonAnnotationsFailureAnalyzerTests {

    private final JacksonAnnotationsFailureAnalyzer analyzer = new JacksonAnnotationsFailureAnalyzer();

    @Test
    void explainsAMissingJacksonAnnotationWithTheDependencyToManage() {
        // what a Boot 3.5 app without the README's addition fails with
        Throwable failure = new BeanCreationException("fonellaJsonMapper",
                "Failed to instantiate [tools.jackson.databind.json.JsonMapper]",
                new NoClassDefFoundError("com/fasterxml/jackson/annotation/JsonSerializeAs"));

        FailureAnalysis analysis = analyzer.analyze(failure);

        assertThat(analysis.getDescription()).contains("jackson-annotations 2.20 or newer",
                "com.fasterxml.jackson.annotation.JsonSerializeAs", "Spring Boot 3.5");
        assertThat(analysis.getAction()).contains("<artifactId>jackson-annotations</artifactId><version>2.21</version>");
    }

    @Test
    void leavesOtherMissingClassesToOtherAnalyzers() {
        assertThat(analyzer.analyze(new IllegalStateException(new NoClassDefFoundError("com/example/Missing"))))
                .isNull();
    }
}
