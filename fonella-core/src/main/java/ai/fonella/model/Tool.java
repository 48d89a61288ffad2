package ai.fonella.model;

import ai.fonella.internal.Copies;
import java.time.Instant;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A custom tool the assistant can invoke during live calls.
 *
 * <p>The published reference omits {@code url} from the response example; Fonella for Java reads it
 * when the API sends it and leaves it {@code null} otherwise.
 *
 * @param toolId unique identifier
 * @param name machine-readable camelCase name
 * @param description tells the assistant when to use the tool
 * @param url the HTTPS endpoint called on invocation, when the API returns it
 * @param method the HTTP method used for invocation
 * @param headers extra HTTP headers sent with every invocation (values may be secrets)
 * @param inputSchema JSON Schema of the arguments; treat as read-only
 * @param enabled whether the assistant may call the tool
 * @param createdAt when the tool was registered
 */
public record Tool(
        String toolId,
        String name,
        String description,
        String url,
        ToolMethod method,
        Map<String, String> headers,
        JsonNode inputSchema,
        boolean enabled,
        Instant createdAt) {

    /** Copies {@code headers} and {@code inputSchema} so the record cannot change under its holder. */
    public Tool {
        headers = Copies.map(headers);
        inputSchema = inputSchema == null ? null : inputSchema.deepCopy();
    }

    /** Like the default, but shows header names only: header values often carry secrets. */
    @Override
    public String toString() {
        return "Tool[toolId=" + toolId + ", name=" + name + ", description=" + description + ", url=" + url
                + ", method=" + method + ", headers=" + headers.keySet() + ", inputSchema=" + inputSchema
                + ", enabled=" + enabled + ", createdAt=" + createdAt + "]";
    }
}
