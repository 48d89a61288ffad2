package ai.fonella.sync;

import ai.fonella.internal.Copies;
import java.util.List;

/**
 * What a sync would change, computed by {@link ToolSyncPlanner} and applied by {@link ToolSync}.
 * {@link #render()} is the readable form used in logs and by the Maven plugin's dry run:
 *
 * <pre>
 * + create lookupOrder
 * ~ update bookCallback: description, inputSchema
 * - delete oldTool (no longer in code)
 * = 3 unchanged
 * </pre>
 *
 * @param toolUrlPrefix the URL prefix that decides ownership
 * @param changes every change, creates first, then updates, deletes, retained and unchanged tools
 */
public record SyncPlan(String toolUrlPrefix, List<ToolChange> changes) {

    /** Copies the changes. */
    public SyncPlan {
        changes = Copies.list(changes);
    }

    /**
     * @return tools to create
     */
    public List<ToolChange.Create> creates() {
        return of(ToolChange.Create.class);
    }

    /**
     * @return tools to update
     */
    public List<ToolChange.Update> updates() {
        return of(ToolChange.Update.class);
    }

    /**
     * @return tools to delete
     */
    public List<ToolChange.Delete> deletes() {
        return of(ToolChange.Delete.class);
    }

    /**
     * @return owned tools that match the code
     */
    public List<ToolChange.Unchanged> unchanged() {
        return of(ToolChange.Unchanged.class);
    }

    /**
     * @return owned tools no longer in the code, kept because pruning is off
     */
    public List<ToolChange.Retained> retained() {
        return of(ToolChange.Retained.class);
    }

    /**
     * Whether applying the plan sends no write at all.
     *
     * @return {@code true} when there is nothing to create, update or delete
     */
    public boolean isEmpty() {
        return changes.stream().noneMatch(ToolChange::isWrite);
    }

    /**
     * A one-line summary, e.g. {@code 1 to create, 1 to update, 0 to delete, 3 unchanged}.
     *
     * @return the summary
     */
    public String summary() {
        String text = creates().size() + " to create, " + updates().size() + " to update, " + deletes().size()
                + " to delete, " + unchanged().size() + " unchanged";
        return retained().isEmpty() ? text : text + ", " + retained().size() + " retained";
    }

    /**
     * The plan as lines for logs and dry runs; tool secrets and header values never appear.
     *
     * @return one line per change, then a line counting unchanged tools
     */
    public String render() {
        StringBuilder out = new StringBuilder();
        for (ToolChange change : changes) {
            if (change instanceof ToolChange.Create create) {
                out.append("+ create ").append(create.name()).append('\n');
            } else if (change instanceof ToolChange.Update update) {
                out.append("~ update ").append(update.name()).append(": ")
                        .append(String.join(", ", update.changedFields())).append('\n');
            } else if (change instanceof ToolChange.Delete delete) {
                out.append("- delete ").append(delete.name()).append(" (").append(delete.reason()).append(")\n");
            } else if (change instanceof ToolChange.Retained retained) {
                out.append("! keep ").append(retained.name())
                        .append(" (no longer in code; enable pruning to delete it)\n");
            }
        }
        out.append("= ").append(unchanged().size()).append(" unchanged");
        return out.toString();
    }

    private <T extends ToolChange> List<T> of(Class<T> type) {
        return changes.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
