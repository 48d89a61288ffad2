package ai.fonella.client;

import ai.fonella.model.ApiRules;
import ai.fonella.model.Call;
import ai.fonella.model.CallPage;
import ai.fonella.model.ListCallsParams;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import tools.jackson.databind.JsonNode;

/**
 * The call log: {@code /v1/calls}, newest first. Needs the {@code calls:read} scope. Get it from
 * {@link FonellaClient#calls()}.
 *
 * <p>Pagination: the cursor for the next page is the {@code id} of the last call of the current
 * page, passed as {@code startAfter}. A page shorter than the limit is the last one. {@link #stream()}
 * and {@link #iterate(ListCallsParams)} follow the cursor lazily, one request per page.
 */
public final class CallService {

    private static final String PATH = "/v1/calls";
    private static final String SCOPE = "calls:read";

    private final Transport transport;

    CallService(Transport transport) {
        this.transport = transport;
    }

    /**
     * The first page, 20 calls.
     *
     * @return the page
     */
    public CallPage list() {
        return list(ListCallsParams.firstPage());
    }

    /**
     * One page.
     *
     * @param params limit (1 to 100) and cursor
     * @return the page, with the cursor of the next one
     */
    public CallPage list(ListCallsParams params) {
        Objects.requireNonNull(params, "params");
        ApiRules.requireLimit("limit", params.limit());
        StringBuilder path = new StringBuilder(PATH);
        char separator = '?';
        if (params.limit() != null) {
            path.append(separator).append("limit=").append(params.limit());
            separator = '&';
        }
        if (params.startAfter() != null) {
            path.append(separator).append("startAfter=").append(Paths.query(params.startAfter()));
        }
        String operation = "GET " + path;
        JsonNode envelope = transport.send("GET", path.toString(), null, SCOPE);
        List<Call> calls = Envelope.list(transport.json(), envelope, "calls", Call.class, operation);
        int limit = params.limit() == null ? ListCallsParams.DEFAULT_LIMIT : params.limit();
        return new CallPage(calls, nextCursor(envelope, calls, limit));
    }

    /**
     * The cursor after this page: the API's own {@code nextCursor} or {@code hasMore} when it sends
     * them, otherwise the last id of a full page.
     */
    private static String nextCursor(JsonNode envelope, List<Call> calls, int limit) {
        JsonNode explicit = envelope.get("nextCursor");
        if (explicit != null) {
            return explicit.isString() && !explicit.asString().isEmpty() ? explicit.asString() : null;
        }
        JsonNode hasMore = envelope.get("hasMore");
        if (hasMore != null && hasMore.isBoolean() && !hasMore.asBoolean()) {
            return null;
        }
        if (calls.isEmpty() || calls.size() < limit) {
            return null;
        }
        return calls.get(calls.size() - 1).id();
    }

    /**
     * One call with its transcript messages and summary.
     *
     * @param callId the call's id
     * @return the call
     */
    public Call get(String callId) {
        String path = Paths.withId(PATH, "callId", callId);
        return Envelope.single(transport.json(), transport.send("GET", path, null, SCOPE), "call", Call.class,
                "GET " + path);
    }

    /**
     * Every call, newest first, fetched lazily 100 at a time.
     *
     * @return a sequential stream; each page is requested when the previous one is consumed
     */
    public Stream<Call> stream() {
        return stream(ListCallsParams.limit(ListCallsParams.MAX_LIMIT));
    }

    /**
     * Every call from the given starting point, fetched lazily page by page.
     *
     * @param params page size and optional starting cursor
     * @return a sequential stream
     * @throws ai.fonella.InvalidRequestException at once, before any request, if the limit is not in 1..100
     */
    public Stream<Call> stream(ListCallsParams params) {
        Objects.requireNonNull(params, "params");
        ApiRules.requireLimit("limit", params.limit());
        return StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(new PageIterator(params),
                        Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /**
     * Every call from the given starting point, for a for-each loop; pages are requested lazily.
     *
     * @param params page size and optional starting cursor
     * @return an iterable; each {@code iterator()} starts again from {@code params}
     */
    public Iterable<Call> iterate(ListCallsParams params) {
        Objects.requireNonNull(params, "params");
        ApiRules.requireLimit("limit", params.limit());
        return () -> new PageIterator(params);
    }

    private final class PageIterator implements Iterator<Call> {
        private ListCallsParams next;
        private Iterator<Call> current = List.<Call>of().iterator();

        PageIterator(ListCallsParams first) {
            this.next = Objects.requireNonNull(first, "params");
        }

        @Override
        public boolean hasNext() {
            while (!current.hasNext() && next != null) {
                CallPage page = list(next);
                current = page.calls().iterator();
                next = page.hasMore() ? next.startingAfter(page.nextCursor()) : null;
            }
            return current.hasNext();
        }

        @Override
        public Call next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return current.next();
        }
    }
}
