package ai.fonella.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.fonella.support.FonellaJson;
import ai.fonella.model.Tool;
import ai.fonella.model.ToolMethod;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ToolSyncPlannerTests {

    private static final ToolEndpoint ENDPOINT = ToolEndpoint.of("https://shop.example.com", "s3cret");
    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    private final ToolSyncPlanner planner = new ToolSyncPlanner();

    @Test
    void plansCreatesForAnEmptyAccount() {
        SyncPlan plan = planner.plan(List.of(desired("lookupOrder"), desired("bookCallback")), List.of(), ENDPOINT,
                false);

        assertThat(plan.creates()).extracting(ToolChange::name).containsExactly("lookupOrder", "bookCallback");
        assertThat(plan.isEmpty()).isFalse();
        assertThat(plan.render()).isEqualTo("+ create lookupOrder\n+ create bookCallback\n= 0 unchanged");
    }

    @Test
    void plansNothingWhenRegisteredToolsMatch() {
        SyncPlan plan = planner.plan(List.of(desired("lookupOrder")), List.of(registered("lookupOrder", "t1", T0)),
                ENDPOINT, true);

        assertThat(plan.isEmpty()).isTrue();
        assertThat(plan.unchanged()).hasSize(1);
        assertThat(plan.summary()).isEqualTo("0 to create, 0 to update, 0 to delete, 1 unchanged");
    }

    @Test
    void comparesSchemasAsJsonValuesNotAsText() {
        JsonNode reordered = json("{\"required\":[\"orderNumber\"],\"type\":\"object\",\"properties\":"
                + "{\"orderNumber\":{\"type\":\"string\",\"maxLength\":20.0}}}");
        Tool existing = new Tool("t1", "lookupOrder", "Looks up lookupOrder", ENDPOINT.toolUrl("lookupOrder"),
                ToolMethod.POST, ENDPOINT.headers(), reordered, true, T0);

        SyncPlan plan = planner.plan(List.of(desired("lookupOrder")), List.of(existing), ENDPOINT, false);

        assertThat(plan.isEmpty()).isTrue();
    }

    @Test
    void aRegisteredSchemaWithANonFiniteNumberIsADifferenceNotACrash() {
        // an API that reads a bound beyond double's range into a double answers it as Infinity
        JsonNode infinite = json("{\"type\":\"object\",\"properties\":{\"bonus\":{\"type\":\"integer\","
                + "\"minimum\":1}}}");
        ((tools.jackson.databind.node.ObjectNode) infinite.get("properties").get("bonus")).put("minimum",
                Double.NEGATIVE_INFINITY);
        Tool existing = new Tool("t1", "lookupOrder", "Looks up lookupOrder", ENDPOINT.toolUrl("lookupOrder"),
                ToolMethod.POST, ENDPOINT.headers(), infinite, true, T0);

        SyncPlan plan = planner.plan(List.of(desired("lookupOrder")), List.of(existing), ENDPOINT, false);

        assertThat(plan.summary()).contains("1 to update");
        assertThat(ToolSyncPlanner.sameJson(infinite, infinite.deepCopy())).isTrue();
    }

    @Test
    void updatesOnlyTheChangedFields() {
        Tool existing = new Tool("t1", "lookupOrder", "Old description", ENDPOINT.toolUrl("lookupOrder"),
                ToolMethod.POST, Map.of(), schema(), true, T0);

        SyncPlan plan = planner.plan(List.of(desired("lookupOrder")), List.of(existing), ENDPOINT, false);

        ToolChange.Update update = plan.updates().get(0);
        assertThat(update.changedFields()).containsExactly("description", "headers");
        assertThat(update.request().description()).isEqualTo("Looks up lookupOrder");
        assertThat(update.request().headers()).containsEntry("X-Fonella-Tool-Secret", "s3cret");
        assertThat(update.request().inputSchema()).isNull();
        assertThat(update.request().url()).isNull();
        assertThat(plan.render()).isEqualTo("~ update lookupOrder: description, headers\n= 0 unchanged");
    }

    @Test
    void treatsAMissingMethodAsTheApiDefaultPost() {
        Tool existing = new Tool("t1", "lookupOrder", "Looks up lookupOrder", ENDPOINT.toolUrl("lookupOrder"), null,
                ENDPOINT.headers(), schema(), true, T0);

        assertThat(planner.plan(List.of(desired("lookupOrder")), List.of(existing), ENDPOINT, false).isEmpty())
                .isTrue();
    }

    @Test
    void deletesToolsNoLongerInCodeOnlyWhenPruning() {
        List<Tool> existing = List.of(registered("lookupOrder", "t1", T0), registered("oldTool", "t2", T0));

        SyncPlan keep = planner.plan(List.of(desired("lookupOrder")), existing, ENDPOINT, false);
        SyncPlan prune = planner.plan(List.of(desired("lookupOrder")), existing, ENDPOINT, true);

        assertThat(keep.deletes()).isEmpty();
        assertThat(keep.retained()).extracting(ToolChange::name).containsExactly("oldTool");
        assertThat(keep.isEmpty()).isTrue();
        assertThat(keep.render()).isEqualTo("! keep oldTool (no longer in code; enable pruning to delete it)\n"
                + "= 1 unchanged");
        assertThat(prune.deletes()).extracting(ToolChange::name).containsExactly("oldTool");
        assertThat(prune.render()).isEqualTo("- delete oldTool (no longer in code)\n= 1 unchanged");
    }

    @Test
    void neverTouchesToolsOfOtherApps() {
        Tool foreign = new Tool("f1", "crmLookup", "Another app's tool", "https://crm.example.com/fonella/tools/crmLookup",
                ToolMethod.POST, Map.of(), schema(), true, T0);

        SyncPlan plan = planner.plan(List.of(desired("lookupOrder")), List.of(foreign), ENDPOINT, true);

        assertThat(plan.changes()).extracting(ToolChange::name).containsExactly("lookupOrder");
        assertThat(plan.deletes()).isEmpty();
    }

    @Test
    void rejectsANameOwnedByAnotherAppNamingBoth() {
        Tool foreign = new Tool("f1", "lookupOrder", "Another app's tool",
                "https://crm.example.com/fonella/tools/lookupOrder", ToolMethod.POST, Map.of(), schema(), true, T0);

        assertThatThrownBy(() -> planner.plan(List.of(desired("lookupOrder")), List.of(foreign), ENDPOINT, false))
                .isInstanceOf(ToolSyncException.class)
                .hasMessageContaining("'lookupOrder' (toolId f1, url https://crm.example.com/fonella/tools/lookupOrder)")
                .hasMessageContaining("https://shop.example.com/fonella/tools/")
                .hasMessageContaining("@FonellaTool(name")
                .hasMessageContaining("Nothing was changed");
    }

    @Test
    void treatsToolsWithoutUrlAsNotOwned() {
        Tool noUrl = new Tool("x1", "oldTool", "No url", null, ToolMethod.POST, Map.of(), schema(), true, T0);

        SyncPlan plan = planner.plan(List.of(), List.of(noUrl), ENDPOINT, true);

        assertThat(plan.changes()).isEmpty();
    }

    @Test
    void convergesDuplicatesToTheOldestRegistration() {
        List<Tool> existing = List.of(
                registered("lookupOrder", "t-b", T0.plusSeconds(1)),
                registered("lookupOrder", "t-c", T0),
                registered("lookupOrder", "t-a", T0));

        SyncPlan plan = planner.plan(List.of(desired("lookupOrder")), existing, ENDPOINT, false);

        assertThat(plan.unchanged()).extracting(change -> change.existing().toolId()).containsExactly("t-a");
        assertThat(plan.deletes()).extracting(change -> change.existing().toolId()).containsExactly("t-c", "t-b");
        assertThat(plan.deletes().get(0).reason()).isEqualTo("duplicate of t-a");
    }

    @Test
    void checksTheAccountLimitBeforeAnythingIsSent() {
        List<Tool> existing = new ArrayList<>();
        for (int i = 0; i < 19; i++) {
            existing.add(new Tool("f" + i, "other" + i, "d", "https://crm.example.com/fonella/tools/other" + i,
                    ToolMethod.POST, Map.of(), schema(), true, T0));
        }

        assertThatThrownBy(() -> planner.plan(List.of(desired("lookupOrder"), desired("bookCallback")), existing,
                ENDPOINT, false))
                .isInstanceOf(ToolSyncException.class)
                .hasMessageContaining("21 tools")
                .hasMessageContaining("limit of 20")
                .hasMessageContaining("19 belong to other apps")
                .hasMessageContaining("Nothing was changed");
    }

    @Test
    void countsRetainedToolsAgainstTheLimitAndSuggestsPruning() {
        List<Tool> existing = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            existing.add(registered("old" + i, "t" + i, T0));
        }

        assertThatThrownBy(() -> planner.plan(List.of(desired("lookupOrder")), existing, ENDPOINT, false))
                .hasMessageContaining("20 are retained because pruning is off")
                .hasMessageContaining("enable pruning");
        assertThat(planner.plan(List.of(desired("lookupOrder")), existing, ENDPOINT, true).deletes()).hasSize(20);
    }

    @Test
    void rejectsTwoWantedToolsWithOneName() {
        assertThatThrownBy(() -> planner.plan(List.of(desired("lookupOrder"), desired("lookupOrder")), List.of(),
                ENDPOINT, false))
                .isInstanceOf(ToolSyncException.class)
                .hasMessageContaining("Two tools are named 'lookupOrder'");
    }

    @Test
    void renderNeverShowsTheToolSecret() {
        Tool existing = new Tool("t1", "lookupOrder", "Looks up lookupOrder", ENDPOINT.toolUrl("lookupOrder"),
                ToolMethod.POST, Map.of("X-Fonella-Tool-Secret", "old-secret"), schema(), true, T0);

        SyncPlan plan = planner.plan(List.of(desired("lookupOrder")), List.of(existing), ENDPOINT, false);

        assertThat(plan.render()).contains("headers").doesNotContain("s3cret").doesNotContain("old-secret");
        assertThat(plan.toString()).doesNotContain("s3cret").doesNotContain("old-secret");
    }

    private static DesiredTool desired(String name) {
        return new DesiredTool(name, "Looks up " + name, ENDPOINT.toolUrl(name), ToolMethod.POST, ENDPOINT.headers(),
                schema());
    }

    private static Tool registered(String name, String id, Instant createdAt) {
        return new Tool(id, name, "Looks up " + name, ENDPOINT.toolUrl(name), ToolMethod.POST, ENDPOINT.headers(),
                schema(), true, createdAt);
    }

    private static JsonNode schema() {
        return json("{\"type\":\"object\",\"properties\":{\"orderNumber\":{\"type\":\"string\",\"maxLength\":20}},"
                + "\"required\":[\"orderNumber\"]}");
    }

    private static JsonNode json(String text) {
        return FonellaJson.mapper().readTree(text);
    }
}
