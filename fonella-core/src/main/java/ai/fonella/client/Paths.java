package ai.fonella.client;

import ai.fonella.model.ApiRules;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Builds request paths with encoded segments. */
final class Paths {

    private Paths() {
    }

    static String withId(String collection, String field, String id) {
        ApiRules.requireText(field, id);
        return collection + "/" + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
