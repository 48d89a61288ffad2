package ai.fonella.model;

import ai.fonella.internal.Copies;
import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Body of {@code PATCH /v1/tools/{toolId}}: only the non-{@code null} fields are sent and changed.
 *
 * @param name new camelCase name, or {@code null} to keep
 * @param description new description, or {@code null} to keep
 * @param url new HTTPS URL, or {@code null} to keep
 * @param method new method, or {@code null} to keep
 * @param headers new headers (replacing the old ones), or {@code null} to keep
 * @param inputSchema new JSON Schema, or {@code null} to keep
 * @param enabled whether the assistant may call the tool, or {@code null} to keep
 */
public record UpdateToolRequest(
        String name,
        String description,
        String url,
        ToolMethod method,
        Map<String, String> headers,
        JsonNode inputSchema,
        Boolean enabled) {

    /** Copies {@code headers} and {@code inputSchema}. */
    public UpdateToolRequest {
        headers = Copies.mapOrNull(headers);
        inputSchema = inputSchema == null ? null : inputSchema.deepCopy();
    }

    /**
     * Whether nothing would be changed.
     *
     * @return {@code true} when every field is {@code null}
     */
    @JsonIgnore // not a wire field: without this Jackson sends "empty": false with every update
    public boolean isEmpty() {
        return name == null && description == null && url == null && method == null && headers == null
                && inputSchema == null && enabled == null;
    }

    /** Like the default, but shows header names only: header values often carry secrets. */
    @Override
    public String toString() {
        return "UpdateToolRequest[name=" + name + ", description=" + description + ", url=" + url
                + ", method=" + method + ", headers=" + (headers == null ? null : headers.keySet())
                + ", inputSchema=" + inputSchema + ", enabled=" + enabled + "]";
    }

    /**
     * Starts an empty partial update.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a partial update; fields left unset are not sent. */
    public static final class Builder {
        private String name;
        private String description;
        private String url;
        private ToolMethod method;
        private Map<String, String> headers;
        private JsonNode inputSchema;
        private Boolean enabled;

        private Builder() {
        }

        /**
         * @param name new camelCase name
         * @return this builder
         */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * @param description new description
         * @return this builder
         */
        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /**
         * @param url new HTTPS URL
         * @return this builder
         */
        public Builder url(String url) {
            this.url = url;
            return this;
        }

        /**
         * @param method new method
         * @return this builder
         */
        public Builder method(ToolMethod method) {
            this.method = method;
            return this;
        }

        /**
         * @param headers new headers, replacing the old ones
         * @return this builder
         */
        public Builder headers(Map<String, String> headers) {
            this.headers = headers;
            return this;
        }

        /**
         * @param inputSchema new JSON Schema
         * @return this builder
         */
        public Builder inputSchema(JsonNode inputSchema) {
            this.inputSchema = inputSchema;
            return this;
        }

        /**
         * @param enabled whether the assistant may call the tool
         * @return this builder
         */
        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        /**
         * @return the partial update
         */
        public UpdateToolRequest build() {
            return new UpdateToolRequest(name, description, url, method, headers, inputSchema, enabled);
        }
    }
}
