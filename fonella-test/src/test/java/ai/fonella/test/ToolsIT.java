package ai.fonella.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.fonella.InvalidRequestException;
import ai.fonella.client.FonellaAuthenticationException;
import ai.fonella.client.FonellaClient;
import ai.fonella.client.FonellaNotFoundException;
import ai.fonella.client.FonellaValidationException;
import ai.fonella.support.FonellaJson;
import ai.fonella.model.ApiKeyScope;
import ai.fonella.model.CreateToolRequest;
import ai.fonella.model.Tool;
import ai.fonella.model.ToolMethod;
import ai.fonella.model.UpdateToolRequest;
import ai.fonella.test.support.AccountPerTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@FonellaEmulatorTest
class ToolsIT extends AccountPerTest {

    private static final String URL = "https://shop.example.com/fonella/tools/lookupOrder";
    private static final JsonNode SCHEMA = FonellaJson.mapper().readTree("""
            {"type": "object",
             "properties": {"orderNumber": {"type": "string", "description": "The customer order number"}},
             "required": ["orderNumber"]}
            """);

    ToolsIT(FonellaEmulator emulator) {
        super(emulator);
    }

    @Test
    void createsToolWithPostByDefault() {
        Tool created = client.tools().create(CreateToolRequest.builder()
                .name("lookupOrder")
                .description("Look up the status of a customer order by order number")
                .url(URL)
                .headers(Map.of("X-Fonella-Tool-Secret", "s3cr3t"))
                .inputSchema(SCHEMA)
                .build());

        assertThat(created.toolId()).matches("[0-9a-f-]{36}");
        assertThat(created.name()).isEqualTo("lookupOrder");
        assertThat(created.description()).isEqualTo("Look up the status of a customer order by order number");
        assertThat(created.url()).isEqualTo(URL);
        assertThat(created.method()).isEqualTo(ToolMethod.POST);
        assertThat(created.headers()).containsExactly(Map.entry("X-Fonella-Tool-Secret", "s3cr3t"));
        assertThat(created.inputSchema()).isEqualTo(SCHEMA);
        assertThat(created.enabled()).isTrue();
        assertThat(created.createdAt()).isNotNull();
        assertThat(created.toString()).doesNotContain("s3cr3t");
    }

    @Test
    void createsGetToolWithoutSchemaOrHeaders() {
        Tool created = client.tools().create(CreateToolRequest.builder()
                .name("openingHours").description("Opening hours of a store").url(URL).method(ToolMethod.GET).build());

        assertThat(created.method()).isEqualTo(ToolMethod.GET);
        assertThat(created.headers()).isEmpty();
        assertThat(created.inputSchema().isObject()).isTrue();
    }

    @Test
    void listsAndFindsToolsByName() {
        Tool first = client.tools().create(tool("lookupOrder"));
        Tool second = client.tools().create(tool("cancelOrder"));

        assertThat(client.tools().list()).extracting(Tool::toolId).containsExactly(first.toolId(), second.toolId());
        assertThat(client.tools().findByName("cancelOrder")).contains(second);
        assertThat(client.tools().findByName("refundOrder")).isEmpty();
    }

    @Test
    void allowsTwoToolsWithTheSameName() {
        Tool first = client.tools().create(tool("lookupOrder"));
        Tool second = client.tools().create(tool("lookupOrder"));

        assertThat(first.toolId()).isNotEqualTo(second.toolId());
        assertThat(client.tools().list()).hasSize(2);
    }

    @Test
    void updateChangesOnlyTheGivenFieldsAndSendsOnlyThem() {
        Tool created = client.tools().create(CreateToolRequest.builder().name("lookupOrder").description("old")
                .url(URL).method(ToolMethod.GET).headers(Map.of("X-Key", "v")).inputSchema(SCHEMA).build());

        Tool updated = client.tools().update(created.toolId(),
                UpdateToolRequest.builder().description("Updated description").build());

        assertThat(updated).isEqualTo(new Tool(created.toolId(), "lookupOrder", "Updated description", URL,
                ToolMethod.GET, Map.of("X-Key", "v"), SCHEMA, true, created.createdAt()));
        List<RecordedRequest> patches = emulator.requests().stream()
                .filter(r -> r.is("PATCH", "/v1/tools/" + created.toolId())).toList();
        assertThat(patches).singleElement()
                .satisfies(r -> assertThat(r.body()).isEqualTo("{\"description\":\"Updated description\"}"));
    }

    @Test
    void updateRenamesReplacesHeadersAndDisables() {
        Tool created = client.tools().create(tool("lookupOrder"));

        Tool updated = client.tools().update(created.toolId(), UpdateToolRequest.builder().name("findOrder")
                .method(ToolMethod.GET).headers(Map.of("X-New", "1")).enabled(false).build());

        assertThat(updated.name()).isEqualTo("findOrder");
        assertThat(updated.method()).isEqualTo(ToolMethod.GET);
        assertThat(updated.headers()).containsExactly(Map.entry("X-New", "1"));
        assertThat(updated.enabled()).isFalse();
        assertThat(client.tools().list()).containsExactly(updated);
    }

    @Test
    void deletesATool() {
        Tool created = client.tools().create(tool("lookupOrder"));

        client.tools().delete(created.toolId());

        assertThat(client.tools().list()).isEmpty();
        assertThatThrownBy(() -> client.tools().delete(created.toolId())).isInstanceOf(FonellaNotFoundException.class);
        assertThatThrownBy(() -> client.tools().update(created.toolId(),
                UpdateToolRequest.builder().enabled(true).build()))
                .isInstanceOfSatisfying(FonellaNotFoundException.class,
                        e -> assertThat(e.errorMessage()).contains(created.toolId()));
    }

    @Test
    void rejectsTheTwentyFirstToolWithLimitExceeded() {
        for (int i = 0; i < 20; i++) {
            client.tools().create(tool("tool" + i));
        }

        assertThatThrownBy(() -> client.tools().create(tool("tool20")))
                .isInstanceOfSatisfying(FonellaValidationException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(409);
                    assertThat(e.errorCode()).isEqualTo("limit_exceeded");
                    assertThat(e.getMessage()).contains("20 tools");
                });
        assertThat(client.tools().list()).hasSize(20);
    }

    @Test
    void concurrentCreatesNeverExceedTheLimit() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 30; i++) {
                String name = "parallel" + i;
                results.add(pool.submit(() -> {
                    try {
                        client.tools().create(tool(name));
                        return true;
                    } catch (FonellaValidationException e) {
                        assertThat(e.errorCode()).isEqualTo("limit_exceeded");
                        return false;
                    }
                }));
            }
            int created = 0;
            for (java.util.concurrent.Future<Boolean> result : results) {
                created += result.get() ? 1 : 0;
            }
            assertThat(created).isEqualTo(20);
            assertThat(client.tools().list()).hasSize(20);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void clientRejectsNamesThatAreNotCamelCase() {
        for (String name : List.of("lookup order", "lookup_order", "LookupOrder", "lookup-order", "1lookup", "")) {
            assertThatThrownBy(() -> client.tools().create(tool(name)))
                    .as(name)
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("name"));
        }
        assertThatThrownBy(() -> client.tools().create(tool("lookup_order")))
                .hasMessageContaining("camelCase").hasMessageContaining("try 'lookupOrder'");
        assertThatThrownBy(() -> client.tools().update("id", UpdateToolRequest.builder().name("bad name").build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("name"));
    }

    @Test
    void clientRejectsMissingDescriptionNonHttpsUrlUnknownMethodAndNonObjectSchema() {
        assertThatThrownBy(() -> client.tools().create(CreateToolRequest.builder().name("a").url(URL).build()))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.field()).isEqualTo("description"));
        assertThatThrownBy(() -> client.tools().create(CreateToolRequest.builder().name("a").description("d")
                .url("http://shop.example.com/tool").build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("url"));
        assertThatThrownBy(() -> client.tools().create(CreateToolRequest.builder().name("a").description("d")
                .url(URL).method(ToolMethod.UNKNOWN).build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("method"));
        assertThatThrownBy(() -> client.tools().create(CreateToolRequest.builder().name("a").description("d")
                .url(URL).inputSchema(FonellaJson.mapper().readTree("[1, 2]")).build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.field()).isEqualTo("inputSchema");
                    assertThat(e.getMessage()).contains("JSON Schema object").contains("array");
                });
        assertThatThrownBy(() -> client.tools().update("id", UpdateToolRequest.builder().description(" ").build()))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.field()).isEqualTo("description"));
    }

    @Test
    void clientRejectsHeadersThatCannotBeSentAsGivenWithoutQuotingTheirValues() {
        int before = emulator.requests().size();
        for (Map<String, String> headers : List.of(Map.of("X-A", "v\r\nInjected: 1"), Map.of("X-A", "secret\n"),
                Map.of("Bad Header", "v"), Map.of("", "v"), Map.of("X:A", "v"))) {
            assertThatThrownBy(() -> client.tools().create(CreateToolRequest.builder().name("a").description("d")
                    .url(URL).headers(headers).build()))
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                        assertThat(e.field()).isEqualTo("headers");
                        assertThat(e.getMessage()).doesNotContain("Injected").doesNotContain("secret");
                    });
            assertThatThrownBy(() -> client.tools().update("id", UpdateToolRequest.builder().headers(headers).build()))
                    .isInstanceOfSatisfying(InvalidRequestException.class,
                            e -> assertThat(e.field()).isEqualTo("headers"));
        }
        assertThat(emulator.requests()).as("nothing was sent").hasSize(before);
        Tool created = client.tools().create(CreateToolRequest.builder().name("a").description("d").url(URL)
                .headers(Map.of("X-Api-Key", "tab\tinside is allowed", "x.y_z~1", "v")).build());
        assertThat(created.headers()).containsEntry("X-Api-Key", "tab\tinside is allowed");
    }

    @Test
    void keyWithoutToolsScopeIsForbidden() {
        FonellaClient limited = emulator.client(emulator.createApiKey(account, null, ApiKeyScope.WEBHOOKS_MANAGE));

        assertThatThrownBy(() -> limited.tools().create(tool("lookupOrder")))
                .isInstanceOfSatisfying(FonellaAuthenticationException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(403);
                    assertThat(e.getMessage()).contains("tools:manage");
                });
        assertThat(client.tools().list()).isEmpty();
    }

    private static CreateToolRequest tool(String name) {
        return CreateToolRequest.builder().name(name).description("Does " + name).url(URL).build();
    }
}
