package ai.fonella.test.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.fonella.support.FonellaJson;
import ai.fonella.model.CreateToolRequest;
import ai.fonella.model.Tool;
import ai.fonella.model.ToolMethod;
import ai.fonella.sync.DesiredTool;
import ai.fonella.sync.SyncPlan;
import ai.fonella.sync.SyncResult;
import ai.fonella.sync.ToolEndpoint;
import ai.fonella.sync.ToolSync;
import ai.fonella.sync.ToolSyncException;
import ai.fonella.test.FonellaEmulator;
import ai.fonella.test.FonellaEmulatorTest;
import ai.fonella.test.RecordedRequest;
import ai.fonella.test.support.AccountPerTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@link ToolSync} against the emulator over real HTTP. */
@FonellaEmulatorTest
class ToolSyncIT extends AccountPerTest {

    private static final ToolEndpoint SHOP = ToolEndpoint.of("https://shop.example.test", "tool-secret");

    private ToolSync sync;

    ToolSyncIT(FonellaEmulator emulator) {
        super(emulator);
    }

    @BeforeEach
    void newSync() {
        sync = new ToolSync(client);
    }

    @Test
    void theFirstSyncCreatesEveryTool() {
        SyncResult result = sync.sync(List.of(tool("lookupOrder", "Look up an order"),
                tool("bookCallback", "Book a callback")), SHOP, false);

        assertThat(result.created()).extracting(Tool::name).containsExactly("lookupOrder", "bookCallback");
        assertThat(client.tools().list()).allSatisfy(tool -> {
            assertThat(tool.url()).isEqualTo(SHOP.toolUrl(tool.name()));
            assertThat(tool.headers()).containsEntry("X-Fonella-Tool-Secret", "tool-secret");
        });
    }

    @Test
    void aSecondSyncWithNoChangeSendsOneListAndNoWrite() {
        List<DesiredTool> desired = List.of(tool("lookupOrder", "Look up an order"));
        sync.sync(desired, SHOP, true);
        int before = requests().size();

        SyncResult second = sync.sync(desired, SHOP, true);

        assertThat(second.writes()).isZero();
        assertThat(requests().subList(before, requests().size()))
                .extracting(RecordedRequest::method, RecordedRequest::path)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("GET", "/v1/tools"));
    }

    @Test
    void aSchemaWithBoundsBeyondDoubleSyncsOnceAndThenMatches() {
        // what the generator writes for a BigInteger parameter: bounds far beyond double's range
        JsonNode schema = FonellaJson.mapper().readTree("{\"type\":\"object\",\"properties\":{\"bonus\":"
                + "{\"type\":\"integer\",\"minimum\":-1E+900,\"maximum\":1E+900},\"rate\":{\"type\":\"number\","
                + "\"minimum\":0.1}},\"required\":[\"bonus\"],\"additionalProperties\":false}");
        List<DesiredTool> desired = List.of(new DesiredTool("loyaltyPoints", "Add loyalty points",
                SHOP.toolUrl("loyaltyPoints"), ToolMethod.POST, SHOP.headers(), schema));
        sync.sync(desired, SHOP, true);

        JsonNode bonus = client.tools().list().get(0).inputSchema().get("properties").get("bonus");
        assertThat(bonus.get("minimum").isNumber()).as("stored as a number, not \"-Infinity\"").isTrue();
        assertThat(bonus.get("minimum").decimalValue()).isEqualByComparingTo("-1E+900");
        assertThat(sync.sync(desired, SHOP, true).writes()).as("the second sync finds nothing to change").isZero();
    }

    @Test
    void aChangedSchemaIsUpdatedWithOnlyTheSchema() {
        sync.sync(List.of(tool("lookupOrder", "Look up an order")), SHOP, false);
        JsonNode newSchema = FonellaJson.mapper().readTree("{\"type\":\"object\",\"properties\":{\"orderNumber\":"
                + "{\"type\":\"string\"},\"email\":{\"type\":\"string\"}},\"required\":[\"orderNumber\"],"
                + "\"additionalProperties\":false}");
        DesiredTool changed = new DesiredTool("lookupOrder", "Look up an order", SHOP.toolUrl("lookupOrder"),
                ToolMethod.POST, SHOP.headers(), newSchema);

        SyncPlan plan = sync.plan(List.of(changed), SHOP, false);
        sync.apply(plan, SHOP);

        assertThat(plan.render()).startsWith("~ update lookupOrder: inputSchema");
        RecordedRequest patch = requests().stream().filter(request -> request.method().equals("PATCH")).findFirst()
                .orElseThrow();
        assertThat(FonellaJson.mapper().readTree(patch.body()).propertyNames()).containsExactly("inputSchema");
        assertThat(client.tools().findByName("lookupOrder").orElseThrow().inputSchema()).isEqualTo(newSchema);
    }

    @Test
    void aToolRemovedFromTheCodeIsDeletedOnlyWhenPruning() {
        sync.sync(List.of(tool("lookupOrder", "Look up an order"), tool("oldTool", "Old")), SHOP, false);

        sync.sync(List.of(tool("lookupOrder", "Look up an order")), SHOP, false);
        assertThat(names()).containsExactlyInAnyOrder("lookupOrder", "oldTool");

        sync.sync(List.of(tool("lookupOrder", "Look up an order")), SHOP, true);
        assertThat(names()).containsExactly("lookupOrder");
    }

    @Test
    void neverTouchesToolsOfOtherApps() {
        Tool foreign = client.tools().create(CreateToolRequest.builder().name("crmLookup").description("CRM")
                .url("https://crm.example.test/fonella/tools/crmLookup").build());

        sync.sync(List.of(tool("lookupOrder", "Look up an order")), SHOP, true);

        assertThat(client.tools().list()).contains(foreign).extracting(Tool::name)
                .containsExactlyInAnyOrder("crmLookup", "lookupOrder");
    }

    @Test
    void refusesANameRegisteredByAnotherAppAndChangesNothing() {
        client.tools().create(CreateToolRequest.builder().name("lookupOrder").description("CRM's")
                .url("https://crm.example.test/fonella/tools/lookupOrder").build());
        int before = requests().size();

        assertThatThrownBy(() -> sync.sync(List.of(tool("lookupOrder", "Look up an order")), SHOP, false))
                .isInstanceOf(ToolSyncException.class)
                .hasMessageContaining("https://crm.example.test/fonella/tools/lookupOrder");
        assertThat(requests().subList(before, requests().size())).extracting(RecordedRequest::method)
                .containsOnly("GET");
    }

    @Test
    void threeSyncsStartedAtTheSameMomentEndWithOneToolPerName() throws Exception {
        List<DesiredTool> desired = List.of(tool("lookupOrder", "Look up an order"),
                tool("bookCallback", "Book a callback"), tool("checkStock", "Check stock"));
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<SyncResult>> syncs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ToolSync instance = new ToolSync(emulator.client(account.apiKey()));
            syncs.add(CompletableFuture.supplyAsync(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return instance.sync(desired, SHOP, false);
            }));
        }
        go.countDown();
        for (CompletableFuture<SyncResult> result : syncs) {
            result.get();
        }

        assertThat(names()).containsExactlyInAnyOrder("lookupOrder", "bookCallback", "checkStock");
    }

    private static DesiredTool tool(String name, String description) {
        JsonNode schema = FonellaJson.mapper().readTree("{\"type\":\"object\",\"properties\":{\"orderNumber\":"
                + "{\"type\":\"string\"}},\"required\":[\"orderNumber\"],\"additionalProperties\":false}");
        return new DesiredTool(name, description, SHOP.toolUrl(name), ToolMethod.POST, SHOP.headers(), schema);
    }

    private List<String> names() {
        return client.tools().list().stream().map(Tool::name).toList();
    }

    private List<RecordedRequest> requests() {
        String prefix = account.apiKey().substring(0, 16);
        return emulator.requests().stream().filter(request -> prefix.equals(request.apiKeyPrefix())).toList();
    }
}
