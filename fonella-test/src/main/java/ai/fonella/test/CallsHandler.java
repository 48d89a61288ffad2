package ai.fonella.test;

import ai.fonella.model.ApiRules;
import ai.fonella.model.Call;
import ai.fonella.model.ListCallsParams;
import java.util.List;

/**
 * {@code /v1/calls}: the call log, newest first, with the {@code calls:read} scope. The cursor
 * {@code startAfter} is the id of the last call of the previous page; an unknown cursor is a 400.
 */
final class CallsHandler implements ResourceHandler {

    @Override
    public ApiResponse collection(ApiRequest request, Caller caller) {
        int limit = limit(request.queryParam("limit"));
        String startAfter = request.queryParam("startAfter");
        List<Call> calls = caller.account().callsNewestFirst();
        int from = 0;
        if (startAfter != null && !startAfter.isEmpty()) {
            int index = indexOf(calls, startAfter);
            if (index < 0) {
                throw ApiError.badRequest("startAfter '" + startAfter + "' is not the id of a call in this account; "
                        + "pass the id of the last call of the previous page.");
            }
            from = index + 1;
        }
        List<Call> page = calls.subList(Math.min(from, calls.size()), Math.min(from + limit, calls.size()));
        return ApiResponse.success(200, "calls", page);
    }

    @Override
    public ApiResponse item(ApiRequest request, Caller caller, String callId) {
        Call call = caller.account().call(callId);
        if (call == null) {
            throw ApiError.notFound("No call with id '" + callId + "' in this account.");
        }
        return ApiResponse.success(200, "call", call);
    }

    private static int limit(String text) {
        if (text == null) {
            return ListCallsParams.DEFAULT_LIMIT;
        }
        int limit;
        try {
            limit = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("limit must be an integer between 1 and " + ListCallsParams.MAX_LIMIT
                    + ", but was '" + text + "'.");
        }
        ApiError.rule(400, () -> ApiRules.requireLimit("limit", limit));
        return limit;
    }

    private static int indexOf(List<Call> calls, String id) {
        for (int i = 0; i < calls.size(); i++) {
            if (calls.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }
}
