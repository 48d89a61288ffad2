package ai.fonella.sync;

import ai.fonella.model.ApiRules;
import ai.fonella.model.Tool;
import ai.fonella.model.ToolMethod;
import ai.fonella.model.UpdateToolRequest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * Computes a {@link SyncPlan} from the tools the code defines and the tools the API lists. Pure: it
 * sends nothing. {@link ToolSync} lists, plans and applies.
 *
 * <p>Rules:
 * <ul>
 * <li>Only tools this app owns ({@link ToolEndpoint#owns(Tool)}) are ever changed.</li>
 * <li>A wanted name that exists as another app's tool is an error naming both.</li>
 * <li>An owned tool whose fields differ is updated with exactly the differing fields; schemas are
 *     compared as JSON values (key order and {@code 1} vs {@code 1.0} do not matter).</li>
 * <li>Several owned tools with one name (from concurrent starts) converge to the oldest
 *     ({@code createdAt}, then {@code toolId}); the others are deleted.</li>
 * <li>Owned tools no longer in code are deleted when pruning is on, retained otherwise.</li>
 * <li>The 20-tool account limit is checked before anything is sent.</li>
 * </ul>
 */
public final class ToolSyncPlanner {

    /** Orders registrations of one name so every instance agrees which one is kept: oldest first. */
    static final Comparator<Tool> OLDEST_FIRST = Comparator
            .comparing(Tool::createdAt, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Tool::toolId, Comparator.nullsLast(Comparator.naturalOrder()));

    private static final Comparator<JsonNode> NUMBERS_BY_VALUE = (a, b) -> {
        if (a.equals(b)) {
            return 0;
        }
        if (a.isNumber() && b.isNumber() && finite(a) && finite(b)) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return 1;
    };

    /** Whether a number has a decimal value: not a double's or float's infinity or NaN. */
    private static boolean finite(JsonNode number) {
        return !(number.isDouble() || number.isFloat()) || Double.isFinite(number.doubleValue());
    }

    private final int maxTools;

    /** A planner for Fonella's limit of 20 tools per account. */
    public ToolSyncPlanner() {
        this(ApiRules.MAX_TOOLS);
    }

    /**
     * A planner with another account limit.
     *
     * @param maxTools most tools per account
     */
    public ToolSyncPlanner(int maxTools) {
        this.maxTools = maxTools;
    }

    /**
     * Plans a sync.
     *
     * @param desired the tools the code defines, placed at this app's endpoint
     * @param existing every tool the API lists for the account
     * @param endpoint this app's endpoint, which decides ownership
     * @param prune whether owned tools no longer in code are deleted
     * @return the plan
     * @throws ToolSyncException on a duplicate wanted name, a name owned by another app, or a plan that
     *     would exceed the account limit
     */
    public SyncPlan plan(Collection<DesiredTool> desired, Collection<Tool> existing, ToolEndpoint endpoint,
            boolean prune) {
        Objects.requireNonNull(desired, "desired");
        Objects.requireNonNull(existing, "existing");
        Objects.requireNonNull(endpoint, "endpoint");

        Map<String, DesiredTool> wanted = new LinkedHashMap<>();
        for (DesiredTool tool : desired) {
            if (wanted.putIfAbsent(tool.name(), tool) != null) {
                throw new ToolSyncException("Two tools are named '" + tool.name() + "'. Tool names must be unique; "
                        + "rename one with @FonellaTool(name = \"...\").");
            }
        }

        Map<String, List<Tool>> owned = new TreeMap<>();
        List<Tool> foreign = new ArrayList<>();
        for (Tool tool : existing) {
            if (endpoint.owns(tool)) {
                owned.computeIfAbsent(tool.name(), name -> new ArrayList<>()).add(tool);
            } else {
                foreign.add(tool);
            }
        }
        checkConflicts(wanted, foreign, endpoint);

        List<ToolChange> creates = new ArrayList<>();
        List<ToolChange> updates = new ArrayList<>();
        List<ToolChange> deletes = new ArrayList<>();
        List<ToolChange> retained = new ArrayList<>();
        List<ToolChange> unchanged = new ArrayList<>();

        for (DesiredTool tool : wanted.values()) {
            List<Tool> registrations = owned.getOrDefault(tool.name(), List.of());
            if (registrations.isEmpty()) {
                creates.add(new ToolChange.Create(tool));
                continue;
            }
            List<Tool> sorted = registrations.stream().sorted(OLDEST_FIRST).toList();
            Tool keep = sorted.get(0);
            for (Tool duplicate : sorted.subList(1, sorted.size())) {
                deletes.add(new ToolChange.Delete(duplicate, "duplicate of " + keep.toolId()));
            }
            ToolChange.Update update = diff(keep, tool);
            if (update == null) {
                unchanged.add(new ToolChange.Unchanged(keep));
            } else {
                updates.add(update);
            }
        }
        for (Map.Entry<String, List<Tool>> entry : owned.entrySet()) {
            if (wanted.containsKey(entry.getKey())) {
                continue;
            }
            for (Tool orphan : entry.getValue()) {
                if (prune) {
                    deletes.add(new ToolChange.Delete(orphan, "no longer in code"));
                } else {
                    retained.add(new ToolChange.Retained(orphan));
                }
            }
        }

        int total = foreign.size() + creates.size() + updates.size() + unchanged.size() + retained.size();
        if (total > maxTools) {
            throw new ToolSyncException("This sync would leave " + total + " tools on the account, more than "
                    + "Fonella's limit of " + maxTools + ": " + foreign.size() + " belong to other apps, "
                    + wanted.size() + " are defined by this app" + (retained.isEmpty() ? "" : ", " + retained.size()
                    + " are retained because pruning is off") + ". Remove @FonellaTool methods, delete unused tools"
                    + (retained.isEmpty() ? "" : ", or enable pruning") + ". Nothing was changed.");
        }

        List<ToolChange> changes = new ArrayList<>(creates);
        changes.addAll(updates);
        changes.addAll(deletes);
        changes.addAll(retained);
        changes.addAll(unchanged);
        return new SyncPlan(endpoint.toolUrlPrefix(), changes);
    }

    private static void checkConflicts(Map<String, DesiredTool> wanted, List<Tool> foreign, ToolEndpoint endpoint) {
        List<String> conflicts = new ArrayList<>();
        for (Tool tool : foreign) {
            if (wanted.containsKey(tool.name())) {
                conflicts.add("'" + tool.name() + "' (toolId " + tool.toolId() + ", url "
                        + (tool.url() == null ? "not returned by the API" : tool.url()) + ")");
            }
        }
        if (!conflicts.isEmpty()) {
            throw new ToolSyncException("Tool name" + (conflicts.size() == 1 ? " " : "s ")
                    + String.join(", ", conflicts) + (conflicts.size() == 1 ? " is" : " are")
                    + " already registered by another app: this app only owns tools under "
                    + endpoint.toolUrlPrefix() + ". Rename this app's tool with @FonellaTool(name = \"...\"), or "
                    + "delete the other tool if it is stale. Nothing was changed.");
        }
    }

    /** The update that makes {@code existing} match {@code desired}, or {@code null} when they match. */
    private static ToolChange.Update diff(Tool existing, DesiredTool desired) {
        Set<String> fields = new LinkedHashSet<>();
        UpdateToolRequest.Builder request = UpdateToolRequest.builder();
        if (!Objects.equals(existing.description(), desired.description())) {
            fields.add("description");
            request.description(desired.description());
        }
        if (!Objects.equals(existing.url(), desired.url())) {
            fields.add("url");
            request.url(desired.url());
        }
        ToolMethod method = existing.method() == null ? ToolMethod.POST : existing.method();
        if (method != desired.method()) {
            fields.add("method");
            request.method(desired.method());
        }
        if (!sameHeaders(existing.headers(), desired.headers())) {
            fields.add("headers");
            request.headers(desired.headers());
        }
        if (!sameJson(existing.inputSchema(), desired.inputSchema())) {
            fields.add("inputSchema");
            request.inputSchema(desired.inputSchema());
        }
        return fields.isEmpty() ? null : new ToolChange.Update(existing, desired, List.copyOf(fields), request.build());
    }

    private static boolean sameHeaders(Map<String, String> a, Map<String, String> b) {
        Map<String, String> left = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        left.putAll(a);
        Map<String, String> right = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        right.putAll(b);
        return left.equals(right);
    }

    /**
     * Compares two schemas as JSON values.
     *
     * @param a one schema, may be {@code null}
     * @param b the other, may be {@code null}
     * @return whether they are the same JSON value
     */
    static boolean sameJson(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return a == b;
        }
        return a.equals(NUMBERS_BY_VALUE, b);
    }
}
