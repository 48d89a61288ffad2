package ai.fonella.tool;

import static org.assertj.core.api.Assertions.assertThat;

import ai.fonella.support.FonellaJson;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link ToolArguments#queryString}, the one encoding of GET arguments on the wire. */
class ToolArgumentsQueryStringTests {

    @Test
    void encodesScalarsArraysAndObjectsAndLeavesOutNulls() {
        assertThat(encode("{\"region\":\"north side\",\"count\":3,\"tags\":[\"a\",\"b\"],\"filter\":{\"x\":1},"
                + "\"note\":null}"))
                .isEqualTo("region=north%20side&count=3&tags=a&tags=b&filter=%7B%22x%22%3A1%7D");
    }

    @Test
    void encodesNothingForNoArguments() {
        assertThat(ToolArguments.queryString(null)).isEmpty();
        assertThat(encode("{}")).isEmpty();
    }

    @Test
    void bindsBackToTheSameArgumentsThroughTheQueryDecoder() {
        class Tools {
            @FonellaTool(description = "Echo")
            public String echo(String region, int count, List<String> tags) {
                return region + "|" + count + "|" + tags;
            }
        }
        String query = encode("{\"region\":\"Zoë & co\",\"count\":3,\"tags\":[\"a b\",\"c\"]}");
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            String[] parts = pair.split("=", 2);
            parameters.computeIfAbsent(URLDecoder.decode(parts[0], StandardCharsets.UTF_8), k -> new ArrayList<>())
                    .add(URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
        }
        ToolInvoker invoker = ToolInvoker.builder().build();
        Tools tools = new Tools();

        ToolOutcome outcome = invoker.invoke(invoker.prepare(ToolDefinitions.fromObject(tools).get(0), tools),
                ToolArguments.query(parameters), ToolCallContext.empty());

        assertThat(outcome.result()).isEqualTo("Zoë & co|3|[a b, c]");
    }

    private static String encode(String json) {
        return ToolArguments.queryString(FonellaJson.mapper().readTree(json));
    }
}
