package ai.fonella.test;

/**
 * Serves one resource of the API, e.g. {@code /v1/tools} and {@code /v1/tools/{toolId}}. The
 * server has already checked the method, the API key and its scope.
 */
interface ResourceHandler {

    /**
     * A request to the collection path.
     *
     * @param request the request
     * @param caller the authenticated caller
     * @return the answer
     */
    ApiResponse collection(ApiRequest request, Caller caller);

    /**
     * A request to one item of the collection.
     *
     * @param request the request
     * @param caller the authenticated caller
     * @param id the decoded id from the path
     * @return the answer
     */
    ApiResponse item(ApiRequest request, Caller caller, String id);
}
