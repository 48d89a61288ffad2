package ai.fonella.test;

import static org.assertj.core.api.Assertions.assertThat;

import ai.fonella.support.FonellaJson;
import org.junit.jupiter.api.Test;

/** How {@code GET} tools receive their arguments, as the wire contract says. */
class ToolQueryParametersTests {

    private static final String URL = "http://127.0.0.1:8080/tools/search";

    @Test
    void scalarsBecomeTextParameters() {
        assertThat(query("{\"q\": \"red shoes\", \"limit\": 5, \"price\": 9.5, \"inStock\": true}"))
                .isEqualTo(URL + "?q=red%20shoes&limit=5&price=9.5&inStock=true");
    }

    @Test
    void arraysBecomeRepeatedParameters() {
        assertThat(query("{\"size\": [41, 42], \"color\": [\"red\"]}")).isEqualTo(URL + "?size=41&size=42&color=red");
    }

    @Test
    void objectsBecomeCompactJsonText() {
        assertThat(query("{\"range\": {\"from\": 1, \"to\": 2}}"))
                .isEqualTo(URL + "?range=%7B%22from%22%3A1%2C%22to%22%3A2%7D");
    }

    @Test
    void nullsAreLeftOutAndAnExistingQueryIsKept() {
        assertThat(query("{\"a\": null, \"b\": [null, \"x\"]}")).isEqualTo(URL + "?b=x");
        assertThat(ToolInvoker.withQuery(URL + "?v=1", FonellaJson.mapper().readTree("{\"q\": \"ä&=\"}")))
                .isEqualTo(URL + "?v=1&q=%C3%A4%26%3D");
        assertThat(query("{}")).isEqualTo(URL);
    }

    private static String query(String arguments) {
        return ToolInvoker.withQuery(URL, FonellaJson.mapper().readTree(arguments));
    }
}
