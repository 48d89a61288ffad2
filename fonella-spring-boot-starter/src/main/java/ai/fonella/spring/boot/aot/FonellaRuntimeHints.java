package ai.fonella.spring.boot.aot;

import ai.fonella.event.FonellaEvent;
import ai.fonella.model.ApiKey;
import ai.fonella.model.ApiKeyScope;
import ai.fonella.model.Call;
import ai.fonella.model.CallPage;
import ai.fonella.model.CallStatus;
import ai.fonella.model.CreateApiKeyRequest;
import ai.fonella.model.CreateToolRequest;
import ai.fonella.model.CreateWebhookRequest;
import ai.fonella.model.EventType;
import ai.fonella.model.Tool;
import ai.fonella.model.ToolMethod;
import ai.fonella.model.TranscriptMessage;
import ai.fonella.model.UpdateToolRequest;
import ai.fonella.model.UpdateWebhookRequest;
import ai.fonella.model.Webhook;
import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * What every app with the starter reaches reflectively, whatever its tools: the API models the
 * client reads and writes with Jackson, the event records deliveries are bound to, and the JDBC
 * deduplication store's schema scripts. The app's own
 * tool and handler methods are registered by {@link FonellaHandlerHintsProcessor}. Registered through
 * {@code META-INF/spring/aot.factories}.
 */
public final class FonellaRuntimeHints implements RuntimeHintsRegistrar {

    @Override
    public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
        BindingReflectionHintsRegistrar binding = new BindingReflectionHintsRegistrar();
        binding.registerReflectionHints(hints.reflection(), Tool.class, Webhook.class, ApiKey.class, Call.class,
                CallPage.class, TranscriptMessage.class, CreateApiKeyRequest.class, CreateToolRequest.class,
                CreateWebhookRequest.class, UpdateToolRequest.class, UpdateWebhookRequest.class, ApiKeyScope.class,
                CallStatus.class, EventType.class, ToolMethod.class);
        binding.registerReflectionHints(hints.reflection(), FonellaEvent.class.getPermittedSubclasses());
        // the JDBC deduplication store's schema scripts, read when it initializes its table
        hints.resources().registerPattern("ai/fonella/spring/boot/dedup/schema-*.sql");
    }
}
