package ai.fonella.sync;

import ai.fonella.internal.Copies;
import ai.fonella.model.Tool;
import ai.fonella.model.UpdateToolRequest;
import java.util.List;
import java.util.Objects;

/**
 * One line of a {@link SyncPlan}.
 */
public sealed interface ToolChange {

    /**
     * The tool name this change is about.
     *
     * @return the name
     */
    String name();

    /**
     * Whether applying this change sends a write to the API.
     *
     * @return {@code true} for create, update and delete
     */
    boolean isWrite();

    /**
     * Register a tool that does not exist yet.
     *
     * @param desired the tool to create
     */
    record Create(DesiredTool desired) implements ToolChange {
        /** Requires the tool. */
        public Create {
            Objects.requireNonNull(desired, "desired");
        }

        @Override
        public String name() {
            return desired.name();
        }

        @Override
        public boolean isWrite() {
            return true;
        }
    }

    /**
     * Change the fields of a registered tool that differ from the code.
     *
     * @param existing the tool as registered
     * @param desired the tool as the code wants it
     * @param changedFields wire names of the differing fields, in a fixed order
     * @param request the partial update carrying exactly those fields
     */
    record Update(Tool existing, DesiredTool desired, List<String> changedFields, UpdateToolRequest request)
            implements ToolChange {
        /** Copies the field list. */
        public Update {
            Objects.requireNonNull(existing, "existing");
            Objects.requireNonNull(desired, "desired");
            changedFields = Copies.list(changedFields);
            Objects.requireNonNull(request, "request");
        }

        @Override
        public String name() {
            return desired.name();
        }

        @Override
        public boolean isWrite() {
            return true;
        }
    }

    /**
     * Delete a tool this app owns.
     *
     * @param existing the tool as registered
     * @param reason why: no longer in code, or a duplicate of another registration
     */
    record Delete(Tool existing, String reason) implements ToolChange {
        /** Requires the tool. */
        public Delete {
            Objects.requireNonNull(existing, "existing");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String name() {
            return existing.name();
        }

        @Override
        public boolean isWrite() {
            return true;
        }
    }

    /**
     * A registered tool that already matches the code.
     *
     * @param existing the tool as registered
     */
    record Unchanged(Tool existing) implements ToolChange {
        /** Requires the tool. */
        public Unchanged {
            Objects.requireNonNull(existing, "existing");
        }

        @Override
        public String name() {
            return existing.name();
        }

        @Override
        public boolean isWrite() {
            return false;
        }
    }

    /**
     * A tool this app owns that is no longer in the code, left in place because pruning is off.
     *
     * @param existing the tool as registered
     */
    record Retained(Tool existing) implements ToolChange {
        /** Requires the tool. */
        public Retained {
            Objects.requireNonNull(existing, "existing");
        }

        @Override
        public String name() {
            return existing.name();
        }

        @Override
        public boolean isWrite() {
            return false;
        }
    }
}
