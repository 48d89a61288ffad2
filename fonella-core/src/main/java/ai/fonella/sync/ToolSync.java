package ai.fonella.sync;

import ai.fonella.client.FonellaApiException;
import ai.fonella.client.FonellaClient;
import ai.fonella.client.FonellaIoException;
import ai.fonella.client.FonellaNotFoundException;
import ai.fonella.client.ToolService;
import ai.fonella.model.Tool;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the tools registered with Fonella in step with the tools the code defines: lists once,
 * plans with {@link ToolSyncPlanner}, applies the plan. The Spring Boot starter runs it at startup
 * and the Maven plugin during a deploy.
 *
 * <pre>{@code
 * ToolEndpoint endpoint = ToolEndpoint.of("https://shop.example.com", toolSecret);
 * List<DesiredTool> desired = DesiredTool.of(ToolDefinitions.forObject(new OrderTools()), endpoint);
 * ToolSync sync = new ToolSync(client);
 * SyncPlan plan = sync.plan(desired, endpoint, false);
 * System.out.println(plan.render());
 * sync.apply(plan, endpoint);
 * }</pre>
 *
 * <p>A sync with nothing to change sends exactly one request, the list. Instances of one app
 * started at the same moment converge: after creating, an instance lists again and deletes all but
 * the oldest registration of each of its names, and every instance agrees which is oldest.
 */
public final class ToolSync {

    private static final Logger log = LoggerFactory.getLogger(ToolSync.class);

    private final ToolService tools;
    private final ToolSyncPlanner planner;

    /**
     * A sync through a client, with Fonella's 20-tool limit.
     *
     * @param client the API client
     */
    public ToolSync(FonellaClient client) {
        this(client, new ToolSyncPlanner());
    }

    /**
     * A sync through a client with a given planner.
     *
     * @param client the API client
     * @param planner the planner
     */
    public ToolSync(FonellaClient client, ToolSyncPlanner planner) {
        this.tools = Objects.requireNonNull(client, "client").tools();
        this.planner = Objects.requireNonNull(planner, "planner");
    }

    /**
     * Lists the registered tools and plans; changes nothing.
     *
     * @param desired the tools the code defines
     * @param endpoint this app's endpoint
     * @param prune whether owned tools no longer in code are to be deleted
     * @return the plan
     */
    public SyncPlan plan(Collection<DesiredTool> desired, ToolEndpoint endpoint, boolean prune) {
        return plan(desired, tools.list(), endpoint, prune);
    }

    /**
     * Plans against a list of the registered tools the caller already has, e.g. one it fetched
     * while the application was still starting; changes nothing.
     *
     * @param desired the tools the code defines
     * @param registered what {@code client.tools().list()} answered
     * @param endpoint this app's endpoint
     * @param prune whether owned tools no longer in code are to be deleted
     * @return the plan
     */
    public SyncPlan plan(Collection<DesiredTool> desired, Collection<Tool> registered, ToolEndpoint endpoint,
            boolean prune) {
        return planner.plan(desired, registered, endpoint, prune);
    }

    /**
     * Plans and applies in one go.
     *
     * @param desired the tools the code defines
     * @param endpoint this app's endpoint
     * @param prune whether owned tools no longer in code are deleted
     * @return what was done
     */
    public SyncResult sync(Collection<DesiredTool> desired, ToolEndpoint endpoint, boolean prune) {
        return apply(plan(desired, endpoint, prune), endpoint);
    }

    /**
     * Applies a plan: creates, then updates, then deletes. A tool already gone when it is deleted
     * counts as deleted. If anything was created, lists once more and removes duplicates left by
     * instances starting at the same time.
     *
     * @param plan the plan
     * @param endpoint the endpoint the plan was made for
     * @return what was done
     * @throws ToolSyncException if a write fails; the message says what was already applied
     */
    public SyncResult apply(SyncPlan plan, ToolEndpoint endpoint) {
        List<Tool> created = new ArrayList<>();
        List<Tool> updated = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        int total = (int) plan.changes().stream().filter(ToolChange::isWrite).count();
        for (ToolChange change : plan.changes()) {
            try {
                if (change instanceof ToolChange.Create create) {
                    created.add(tools.create(create.desired().toCreateRequest()));
                    log.debug("Created tool {}", create.name());
                } else if (change instanceof ToolChange.Update update) {
                    updated.add(tools.update(update.existing().toolId(), update.request()));
                    log.debug("Updated tool {}: {}", update.name(), update.changedFields());
                } else if (change instanceof ToolChange.Delete delete) {
                    delete(delete.existing().toolId());
                    deleted.add(delete.existing().toolId());
                    log.debug("Deleted tool {} ({})", delete.name(), delete.reason());
                }
            } catch (FonellaApiException | FonellaIoException e) {
                int done = created.size() + updated.size() + deleted.size();
                throw new ToolSyncException("Tool sync stopped after " + done + " of " + total + " changes: could not "
                        + verb(change) + " tool '" + change.name() + "': " + e.getMessage(), e);
            }
        }
        int duplicates = created.isEmpty() ? 0 : removeDuplicates(plan, endpoint, deleted);
        return new SyncResult(plan, created, updated, deleted, duplicates);
    }

    private int removeDuplicates(SyncPlan plan, ToolEndpoint endpoint, List<String> deleted) {
        Set<String> names = plan.changes().stream()
                .filter(change -> !(change instanceof ToolChange.Delete) && !(change instanceof ToolChange.Retained))
                .map(ToolChange::name)
                .collect(Collectors.toSet());
        Map<String, List<Tool>> byName = new TreeMap<>();
        for (Tool tool : tools.list()) {
            if (endpoint.owns(tool) && names.contains(tool.name())) {
                byName.computeIfAbsent(tool.name(), name -> new ArrayList<>()).add(tool);
            }
        }
        int removed = 0;
        for (List<Tool> registrations : byName.values()) {
            List<Tool> sorted = registrations.stream().sorted(ToolSyncPlanner.OLDEST_FIRST).toList();
            for (Tool duplicate : sorted.subList(1, sorted.size())) {
                try {
                    delete(duplicate.toolId());
                } catch (FonellaApiException | FonellaIoException e) {
                    throw new ToolSyncException("Tool sync could not remove duplicate registration "
                            + duplicate.toolId() + " of '" + duplicate.name() + "' left by an instance starting at the "
                            + "same time: " + e.getMessage() + " The next sync removes it.", e);
                }
                deleted.add(duplicate.toolId());
                removed++;
                log.info("Removed duplicate registration {} of tool {} (another instance started at the same time)",
                        duplicate.toolId(), duplicate.name());
            }
        }
        return removed;
    }

    private void delete(String toolId) {
        try {
            tools.delete(toolId);
        } catch (FonellaNotFoundException alreadyGone) {
            log.debug("Tool {} was already deleted", toolId);
        }
    }

    private static String verb(ToolChange change) {
        if (change instanceof ToolChange.Create) {
            return "create";
        }
        return change instanceof ToolChange.Update ? "update" : "delete";
    }
}
