package ai.fonella.tool;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ToolCallContextTests {

    @Test
    void takesTheIdsFromTheFonellaHeadersInAnyCase() {
        ToolCallContext context = ToolCallContext.fromHeaders(Map.of(
                "X-FONELLA-CALL-ID", List.of("call_1"), "x-fonella-tool-call-id", List.of("tc_2")));

        assertThat(context.callId()).isEqualTo("call_1");
        assertThat(context.findToolCallId()).contains("tc_2");
        assertThat(context.header("X-Fonella-Call-Id")).contains("call_1");
    }

    @Test
    void dropsTheToolSecretAndNeverPrintsHeaderValues() {
        ToolCallContext context = ToolCallContext.fromHeaders(Map.of(
                "x-fonella-tool-secret", List.of("s3cret"), "Authorization", List.of("Bearer abc")));

        assertThat(context.header(ToolCallContext.TOOL_SECRET_HEADER)).isEmpty();
        assertThat(context.toString()).contains("Authorization").doesNotContain("abc").doesNotContain("s3cret");
    }

    @Test
    void mergesHeadersThatDifferOnlyInCaseAndSkipsNulls() {
        Map<String, List<String>> headers = new HashMap<>();
        headers.put("Accept", List.of("a"));
        headers.put("accept", Arrays.asList("b", null));
        headers.put(null, List.of("ignored"));

        ToolCallContext context = ToolCallContext.fromHeaders(headers);

        assertThat(context.headers().get("ACCEPT")).containsExactlyInAnyOrder("a", "b");
        assertThat(ToolCallContext.empty().findCallId()).isEmpty();
        assertThat(ToolCallContext.fromHeaders(null).headers()).isEmpty();
    }
}
