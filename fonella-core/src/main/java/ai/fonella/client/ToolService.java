package ai.fonella.client;

import ai.fonella.model.ApiRules;
import ai.fonella.model.CreateToolRequest;
import ai.fonella.model.Tool;
import ai.fonella.model.UpdateToolRequest;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Custom tools: {@code /v1/tools}. Needs the {@code tools:manage} scope. Get it from
 * {@link FonellaClient#tools()}.
 *
 * <p>To keep tools in step with annotated methods, use {@code ai.fonella.sync.ToolSync} rather than
 * these calls one by one.
 */
public final class ToolService {

    private static final String PATH = "/v1/tools";
    private static final String SCOPE = "tools:manage";

    private final Transport transport;
    private final boolean allowLoopbackHttp;

    ToolService(Transport transport, boolean allowLoopbackHttp) {
        this.transport = transport;
        this.allowLoopbackHttp = allowLoopbackHttp;
    }

    /**
     * Registers a tool. Its endpoint must answer within 5 seconds with a JSON body holding a
     * {@code result} string. At most 20 tools per account.
     *
     * @param request name, description, url, method, headers, input schema
     * @return the registered tool
     */
    public Tool create(CreateToolRequest request) {
        Objects.requireNonNull(request, "request");
        ApiRules.requireToolName("name", request.name());
        ApiRules.requireText("description", request.description());
        ApiRules.requireHttpsUrl("url", request.url(), allowLoopbackHttp);
        ApiRules.requireMethod("method", request.method());
        ApiRules.requireHeaders("headers", request.headers());
        ApiRules.requireSchemaObject("inputSchema", request.inputSchema());
        return Envelope.single(transport.json(), transport.send("POST", PATH, request, SCOPE), "tool", Tool.class,
                "POST " + PATH);
    }

    /**
     * Lists the account's tools, including those registered by other apps.
     *
     * @return the tools
     */
    public List<Tool> list() {
        return Envelope.list(transport.json(), transport.send("GET", PATH, null, SCOPE), "tools", Tool.class,
                "GET " + PATH);
    }

    /**
     * Finds a tool by name in {@link #list()}.
     *
     * @param name the tool name
     * @return the first tool with that name
     */
    public Optional<Tool> findByName(String name) {
        return list().stream().filter(tool -> tool.name().equals(name)).findFirst();
    }

    /**
     * Changes only the fields set in the request.
     *
     * @param toolId the tool's id
     * @param request the fields to change
     * @return the updated tool
     */
    public Tool update(String toolId, UpdateToolRequest request) {
        Objects.requireNonNull(request, "request");
        if (request.name() != null) {
            ApiRules.requireToolName("name", request.name());
        }
        if (request.description() != null) {
            ApiRules.requireText("description", request.description());
        }
        if (request.url() != null) {
            ApiRules.requireHttpsUrl("url", request.url(), allowLoopbackHttp);
        }
        ApiRules.requireMethod("method", request.method());
        ApiRules.requireHeaders("headers", request.headers());
        ApiRules.requireSchemaObject("inputSchema", request.inputSchema());
        String path = Paths.withId(PATH, "toolId", toolId);
        return Envelope.single(transport.json(), transport.send("PATCH", path, request, SCOPE), "tool", Tool.class,
                "PATCH " + path);
    }

    /**
     * Deletes a tool permanently; the assistant can no longer call it.
     *
     * @param toolId the tool's id
     */
    public void delete(String toolId) {
        transport.send("DELETE", Paths.withId(PATH, "toolId", toolId), null, SCOPE);
    }
}
