package ai.fonella.model;

import ai.fonella.internal.Copies;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Body of {@code POST /v1/tools}.
 *
 * @param name machine-readable camelCase name without spaces, required
 * @param description tells the assistant when to use the tool, required
 * @param url the HTTPS endpoint called on invocation, required
 * @param method {@code GET} or {@code POST}; {@code null} means the API's default, {@code POST}
 * @param headers extra HTTP headers sent with every invocation, or {@code null}
 * @param inputSchema JSON Schema object of the arguments, or {@code null}
 */
public record CreateToolRequest(
        String name,
        String description,
        String url,
        ToolMethod method,
        Map<String, String> headers,
        JsonNode inputSchema) {

    /** Copies {@code headers} and {@code inputSchema}. */
    public CreateToolRequest {
        headers = Copies.mapOrNull(headers);
        inputSchema = inputSchema == null ? null : inputSchema.deepCopy();
    }

    /** Like the default, but shows header names only: header values often carry secrets. */
    @Override
    public String toString() {
        return "CreateToolRequest[name=" + name + ", description=" + description + ", url=" + url
                + ", method=" + method + ", headers=" + (headers == null ? null : headers.keySet())
                + ", inputSchema=" + inputSchema + "]";
    }

    /**
     * Starts a request.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link CreateToolRequest}. */
    public static final class Builder {
        private String name;
        private String description;
        private String url;
        private ToolMethod method;
        private Map<String, String> headers;
        private JsonNode inputSchema;

        private Builder() {
        }

        /**
         * @param name camelCase name without spaces
         * @return this builder
         */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * @param description tells the assistant when to use the tool
         * @return this builder
         */
        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /**
         * @param url the HTTPS endpoint
         * @return this builder
         */
        public Builder url(String url) {
            this.url = url;
            return this;
        }

        /**
         * @param method {@code GET} or {@code POST}
         * @return this builder
         */
        public Builder method(ToolMethod method) {
            this.method = method;
            return this;
        }

        /**
         * @param headers headers sent with every invocation
         * @return this builder
         */
        public Builder headers(Map<String, String> headers) {
            this.headers = headers;
            return this;
        }

        /**
         * @param inputSchema JSON Schema object of the arguments
         * @return this builder
         */
        public Builder inputSchema(JsonNode inputSchema) {
            this.inputSchema = inputSchema;
            return this;
        }

        /**
         * @return the request
         */
        public CreateToolRequest build() {
            return new CreateToolRequest(name, description, url, method, headers, inputSchema);
        }
    }
}
