package ai.fonella.spring.boot.actuate;

import ai.fonella.event.EventHandler;
import ai.fonella.model.EventType;
import ai.fonella.spring.boot.autoconfigure.FonellaStartupSync;
import ai.fonella.spring.boot.autoconfigure.FonellaSyncStatus;
import ai.fonella.spring.boot.registry.FonellaHandlerRegistry;
import ai.fonella.spring.boot.registry.FonellaToolRegistration;
import ai.fonella.sync.ToolEndpoint;
import java.util.List;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import tools.jackson.databind.JsonNode;

/**
 * The {@code fonella} actuator endpoint: the registered tools with their schemas and URLs, the
 * event handlers and the sync status. Never shows secrets or header values.
 */
@Endpoint(id = "fonella")
public class FonellaEndpoint {

    private final FonellaHandlerRegistry registry;
    private final FonellaStartupSync sync;

    /**
     * @param registry the discovered handlers
     * @param sync the startup sync
     */
    public FonellaEndpoint(FonellaHandlerRegistry registry, FonellaStartupSync sync) {
        this.registry = registry;
        this.sync = sync;
    }

    /**
     * @return the tools, event handlers and sync status
     */
    @ReadOperation
    public FonellaDescriptor fonella() {
        ToolEndpoint endpoint = sync.endpoint();
        List<ToolDescriptor> tools = registry.tools().values().stream()
                .map(tool -> describe(tool, endpoint))
                .toList();
        List<EventHandlerDescriptor> handlers = registry.eventHandlers().stream()
                .map(this::describe)
                .toList();
        FonellaSyncStatus status = sync.status();
        return new FonellaDescriptor(tools, handlers, new SyncDescriptor(status.state().name(), status.message(),
                status.plan(), status.attempts(), status.lastAttempt() == null ? null : status.lastAttempt().toString(),
                status.lastSuccess() == null ? null : status.lastSuccess().toString(), status.webhookId(),
                endpoint == null ? null : endpoint.webhookUrl()));
    }

    private static ToolDescriptor describe(FonellaToolRegistration tool, ToolEndpoint endpoint) {
        return new ToolDescriptor(tool.name(), tool.definition().description(), tool.definition().httpMethod().name(),
                endpoint == null ? null : endpoint.toolUrl(tool.name()), tool.tool().timeout().toString(),
                tool.source(), tool.definition().inputSchema());
    }

    private EventHandlerDescriptor describe(EventHandler handler) {
        List<String> types = handler.definition().allTypes() ? List.of("*")
                : handler.definition().eventTypes().stream().map(EventType::wireName).toList();
        return new EventHandlerDescriptor(handler.id(), types, registry.eventHandlerSource(handler.id()));
    }

    /**
     * Everything the endpoint shows.
     *
     * @param tools the tools
     * @param eventHandlers the event handlers
     * @param sync the sync status
     */
    public record FonellaDescriptor(List<ToolDescriptor> tools, List<EventHandlerDescriptor> eventHandlers,
            SyncDescriptor sync) {
    }

    /**
     * One tool.
     *
     * @param name the tool name
     * @param description the description
     * @param method GET or POST
     * @param url the registered URL, once known
     * @param timeout the invocation deadline
     * @param source {@code bean#method}
     * @param inputSchema the JSON Schema of the arguments
     */
    public record ToolDescriptor(String name, String description, String method, String url, String timeout,
            String source, JsonNode inputSchema) {
    }

    /**
     * One event handler.
     *
     * @param id the handler id (the deduplication key)
     * @param eventTypes the event types it receives, {@code *} for all
     * @param source {@code bean#method}
     */
    public record EventHandlerDescriptor(String id, List<String> eventTypes, String source) {
    }

    /**
     * The sync status.
     *
     * @param state PENDING, DISABLED, SYNCED, DRIFT or FAILED
     * @param message what happened
     * @param plan the latest tool plan
     * @param attempts attempts so far
     * @param lastAttempt when the latest attempt ended
     * @param lastSuccess when the latest success ended
     * @param webhookId this app's webhook subscription
     * @param webhookUrl the URL deliveries are sent to
     */
    public record SyncDescriptor(String state, String message, String plan, int attempts, String lastAttempt,
            String lastSuccess, String webhookId, String webhookUrl) {
    }
}
