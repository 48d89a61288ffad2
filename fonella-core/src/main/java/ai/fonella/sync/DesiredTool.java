package ai.fonella.sync;

import ai.fonella.internal.Copies;
import ai.fonella.model.CreateToolRequest;
import ai.fonella.model.ToolMethod;
import ai.fonella.tool.ToolDefinition;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * A tool as this app wants it registered: its definition placed at its endpoint.
 *
 * @param name the tool name
 * @param description tells the assistant when to use the tool
 * @param url the HTTPS endpoint, {@link ToolEndpoint#toolUrl(String)}
 * @param method how Fonella invokes it
 * @param headers headers registered with it (the tool secret); values are secret
 * @param inputSchema JSON Schema of the arguments; treat as read-only
 */
public record DesiredTool(
        String name,
        String description,
        String url,
        ToolMethod method,
        Map<String, String> headers,
        JsonNode inputSchema) {

    /** Copies headers and schema. */
    public DesiredTool {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(method, "method");
        headers = Copies.map(headers);
        inputSchema = Objects.requireNonNull(inputSchema, "inputSchema").deepCopy();
    }

    /**
     * Places one definition at an endpoint.
     *
     * @param definition the tool definition computed from code
     * @param endpoint where the app serves tools
     * @return the desired tool
     */
    public static DesiredTool of(ToolDefinition definition, ToolEndpoint endpoint) {
        return new DesiredTool(definition.name(), definition.description(), endpoint.toolUrl(definition.name()),
                definition.httpMethod(), endpoint.headers(), definition.inputSchema());
    }

    /**
     * Places every definition at an endpoint.
     *
     * @param definitions tool definitions computed from code
     * @param endpoint where the app serves tools
     * @return the desired tools, in the same order
     */
    public static List<DesiredTool> of(Collection<ToolDefinition> definitions, ToolEndpoint endpoint) {
        return definitions.stream().map(definition -> of(definition, endpoint)).toList();
    }

    /**
     * The request that registers this tool.
     *
     * @return a create request
     */
    public CreateToolRequest toCreateRequest() {
        return new CreateToolRequest(name, description, url, method, headers, inputSchema);
    }

    /** Like the default, but shows header names only. */
    @Override
    public String toString() {
        return "DesiredTool[name=" + name + ", description=" + description + ", url=" + url + ", method=" + method
                + ", headers=" + headers.keySet() + ", inputSchema=" + inputSchema + "]";
    }
}
