package ai.fonella.test;

import ai.fonella.model.ApiRules;
import ai.fonella.support.FonellaJson;
import ai.fonella.model.CreateToolRequest;
import ai.fonella.model.Tool;
import ai.fonella.model.ToolMethod;
import ai.fonella.model.UpdateToolRequest;
import tools.jackson.databind.JsonNode;

/**
 * {@code /v1/tools}: custom tools, with the {@code tools:manage} scope. Names need not be unique;
 * the reference does not say they must.
 */
final class ToolsHandler implements ResourceHandler {

    private final EmulatorState state;
    private final EmulatorSettings settings;

    ToolsHandler(EmulatorState state, EmulatorSettings settings) {
        this.state = state;
        this.settings = settings;
    }

    @Override
    public ApiResponse collection(ApiRequest request, Caller caller) {
        if (request.method().equals("GET")) {
            return ApiResponse.success(200, "tools", caller.account().tools());
        }
        CreateToolRequest body = request.bodyAs(CreateToolRequest.class);
        ApiError.rule(() -> ApiRules.requireToolName("name", body.name()));
        ApiError.rule(() -> ApiRules.requireText("description", body.description()));
        ApiError.rule(() -> ApiRules.requireHttpsUrl("url", body.url(), settings.allowLoopbackHttp()));
        ApiError.rule(() -> ApiRules.requireMethod("method", body.method()));
        ApiError.rule(() -> ApiRules.requireSchemaObject("inputSchema", body.inputSchema()));
        JsonNode schema = present(body.inputSchema());
        Tool tool = new Tool(Ids.uuid(), body.name(), body.description(), body.url(),
                body.method() == null ? ToolMethod.POST : body.method(), body.headers(),
                schema == null ? FonellaJson.mapper().createObjectNode() : schema, true, state.now());
        caller.account().addTool(tool);
        return ApiResponse.success(201, "tool", tool);
    }

    @Override
    public ApiResponse item(ApiRequest request, Caller caller, String toolId) {
        if (request.method().equals("DELETE")) {
            if (caller.account().removeTool(toolId) == null) {
                throw notFound(toolId);
            }
            return ApiResponse.success();
        }
        UpdateToolRequest body = request.bodyAs(UpdateToolRequest.class);
        if (body.name() != null) {
            ApiError.rule(() -> ApiRules.requireToolName("name", body.name()));
        }
        if (body.description() != null) {
            ApiError.rule(() -> ApiRules.requireText("description", body.description()));
        }
        if (body.url() != null) {
            ApiError.rule(() -> ApiRules.requireHttpsUrl("url", body.url(), settings.allowLoopbackHttp()));
        }
        ApiError.rule(() -> ApiRules.requireMethod("method", body.method()));
        ApiError.rule(() -> ApiRules.requireSchemaObject("inputSchema", body.inputSchema()));
        JsonNode schema = present(body.inputSchema());
        Tool updated = caller.account().updateTool(toolId, t -> new Tool(t.toolId(),
                body.name() != null ? body.name() : t.name(),
                body.description() != null ? body.description() : t.description(),
                body.url() != null ? body.url() : t.url(),
                body.method() != null ? body.method() : t.method(),
                body.headers() != null ? body.headers() : t.headers(),
                schema != null ? schema : t.inputSchema(),
                body.enabled() != null ? body.enabled() : t.enabled(),
                t.createdAt()));
        if (updated == null) {
            throw notFound(toolId);
        }
        return ApiResponse.success(200, "tool", updated);
    }

    /** JSON {@code null} counts as absent, like a missing field. */
    private static JsonNode present(JsonNode node) {
        return node == null || node.isNull() ? null : node;
    }

    private static ApiError notFound(String toolId) {
        return ApiError.notFound("No tool with toolId '" + toolId + "' in this account.");
    }
}
