package ai.fonella.spring.boot.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Matches when {@code fonella.api-key} (or {@code FONELLA_API_KEY}) has text; an empty value counts
 * as unset.
 */
final class OnFonellaApiKeyCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        String key = context.getEnvironment().getProperty("fonella.api-key");
        return StringUtils.hasText(key)
                ? ConditionOutcome.match("fonella.api-key is set")
                : ConditionOutcome.noMatch("fonella.api-key is not set");
    }
}
