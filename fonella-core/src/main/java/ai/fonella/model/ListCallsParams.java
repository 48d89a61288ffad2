package ai.fonella.model;

/**
 * Query of {@code GET /v1/calls}.
 *
 * @param limit page size, 1 to 100; {@code null} for the API's default of 20
 * @param startAfter cursor: the {@code id} of the last call of the previous page, or {@code null}
 *     for the first page
 */
public record ListCallsParams(Integer limit, String startAfter) {

    /** The API's default page size. */
    public static final int DEFAULT_LIMIT = 20;

    /** The largest page the API serves. */
    public static final int MAX_LIMIT = 100;

    /**
     * The first page at the default size.
     *
     * @return the params
     */
    public static ListCallsParams firstPage() {
        return new ListCallsParams(null, null);
    }

    /**
     * The first page at a given size.
     *
     * @param limit 1 to 100
     * @return the params
     */
    public static ListCallsParams limit(int limit) {
        return new ListCallsParams(limit, null);
    }

    /**
     * The same page size, starting after the given cursor.
     *
     * @param cursor the {@code id} of the last call seen
     * @return new params
     */
    public ListCallsParams startingAfter(String cursor) {
        return new ListCallsParams(limit, cursor);
    }
}
