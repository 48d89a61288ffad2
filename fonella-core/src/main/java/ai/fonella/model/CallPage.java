package ai.fonella.model;

import ai.fonella.internal.Copies;
import java.util.List;
import java.util.Optional;

/**
 * One page of {@code GET /v1/calls}, newest first.
 *
 * @param calls the calls on this page
 * @param nextCursor the {@code startAfter} value for the next page, or {@code null} on the last page
 */
public record CallPage(List<Call> calls, String nextCursor) {

    /** Normalizes {@code calls} to an unmodifiable list. */
    public CallPage {
        calls = Copies.list(calls);
    }

    /**
     * The cursor of the next page.
     *
     * @return the cursor, or empty on the last page
     */
    public Optional<String> next() {
        return Optional.ofNullable(nextCursor);
    }

    /**
     * Whether another page may follow.
     *
     * @return {@code true} when {@link #nextCursor()} is set
     */
    public boolean hasMore() {
        return nextCursor != null;
    }
}
