package ai.fonella.sync;

import ai.fonella.internal.Copies;
import ai.fonella.model.Tool;
import java.util.List;

/**
 * What {@link ToolSync#apply} did.
 *
 * @param plan the plan that was applied
 * @param created tools registered
 * @param updated tools changed
 * @param deletedToolIds ids of tools deleted, including duplicates removed after concurrent starts
 * @param duplicatesRemoved how many of the deletions removed duplicates left by another instance
 *     starting at the same time
 */
public record SyncResult(SyncPlan plan, List<Tool> created, List<Tool> updated, List<String> deletedToolIds,
        int duplicatesRemoved) {

    /** Copies the lists. */
    public SyncResult {
        created = Copies.list(created);
        updated = Copies.list(updated);
        deletedToolIds = Copies.list(deletedToolIds);
    }

    /**
     * The number of writes sent.
     *
     * @return creates, updates and deletes
     */
    public int writes() {
        return created.size() + updated.size() + deletedToolIds.size();
    }
}
