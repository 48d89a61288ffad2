package ai.fonella.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.fonella.support.FonellaJson;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class CallScriptTests {

    @Test
    void defaultsToACustomerEndedCallBetweenTheDocumentedNumbers() {
        CallScript script = CallScript.builder().build();

        assertThat(script.customerPhone()).isEqualTo("+4915112345678");
        assertThat(script.calledPhoneNumber()).isEqualTo("+4915792816700");
        assertThat(script.steps()).isEmpty();
        assertThat(script.failed()).isFalse();
        assertThat(script.endedReason()).isEqualTo("customer-ended");
        assertThat(script.error()).isEmpty();
        assertThat(script.summary()).isEmpty();
        assertThat(script.duration()).isEmpty();
    }

    @Test
    void keepsTheStepsInOrder() {
        CallScript script = CallScript.builder().user("Hi").toolCall("lookupOrder", Map.of("orderNumber", "1"))
                .hang("One moment").assistant("Found it").build();

        assertThat(script.steps()).containsExactly(
                new CallScript.Utterance("user", "Hi"),
                new CallScript.ToolCall("lookupOrder", (ObjectNode) FonellaJson.mapper()
                        .readTree("{\"orderNumber\":\"1\"}")),
                new CallScript.Hang("One moment"),
                new CallScript.Utterance("assistant", "Found it"));
    }

    @Test
    void failedUsesPipelineErrorUnlessAReasonIsGiven() {
        assertThat(CallScript.builder().failed("boom").build().endedReason()).isEqualTo("pipeline-error");
        CallScript failed = CallScript.builder().failed("carrier-error", "dropped").build();
        assertThat(failed.failed()).isTrue();
        assertThat(failed.endedReason()).isEqualTo("carrier-error");
        assertThat(failed.error()).contains("dropped");
        assertThat(CallScript.builder().failed("boom").endedBy("customer-ended").build().failed()).isFalse();
    }

    @Test
    void toolCallArgumentsAreCopied() {
        ObjectNode arguments = FonellaJson.mapper().createObjectNode().put("orderNumber", "1");
        CallScript script = CallScript.builder().toolCall("lookupOrder", arguments).build();

        arguments.put("orderNumber", "changed");
        ((CallScript.ToolCall) script.steps().get(0)).arguments().put("orderNumber", "changed too");

        assertThat(((CallScript.ToolCall) script.steps().get(0)).arguments().path("orderNumber").asString())
                .isEqualTo("1");
    }

    @Test
    void rejectsBlankTextAndArgumentsThatAreNotAnObject() {
        assertThatThrownBy(() -> CallScript.builder().user(" ")).hasMessage("text must not be blank");
        assertThatThrownBy(() -> CallScript.builder().toolCall("", Map.of())).hasMessage("name must not be blank");
        assertThatThrownBy(() -> CallScript.builder().toolCall("lookupOrder", "[1]"))
                .hasMessageContaining("must be a JSON object");
        assertThatThrownBy(() -> CallScript.builder().toolCall("lookupOrder", "{"))
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> CallScript.builder().duration(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsTheJsonForm() {
        CallScript script = CallScript.fromJson("""
                {"from": "+4930123456", "to": "+4940123456",
                 "steps": [{"user": "Hi"}, {"tool": "lookupOrder", "arguments": {"orderNumber": "7"}},
                           {"tool": "noArguments"}, {"hang": "Wait"}, {"assistant": "Bye"}],
                 "endedReason": "assistant-ended", "summary": "Short.", "durationSeconds": 42}""");

        assertThat(script.customerPhone()).isEqualTo("+4930123456");
        assertThat(script.calledPhoneNumber()).isEqualTo("+4940123456");
        assertThat(script.steps()).hasSize(5);
        assertThat(((CallScript.ToolCall) script.steps().get(2)).arguments().isEmpty()).isTrue();
        assertThat(script.endedReason()).isEqualTo("assistant-ended");
        assertThat(script.summary()).contains("Short.");
        assertThat(script.duration()).contains(Duration.ofSeconds(42));
    }

    @Test
    void anErrorInTheJsonFormMakesAFailedCall() {
        CallScript script = CallScript.fromJson("{\"error\": \"no route\"}");

        assertThat(script.failed()).isTrue();
        assertThat(script.endedReason()).isEqualTo("pipeline-error");
    }

    @Test
    void rejectsMalformedJsonFormsNamingTheProblem() {
        assertThatThrownBy(() -> CallScript.fromJson("[]")).hasMessageContaining("must be a JSON object");
        assertThatThrownBy(() -> CallScript.fromJson("{\"steps\": {}}")).hasMessageContaining("steps must be an array");
        assertThatThrownBy(() -> CallScript.fromJson("{\"steps\": [\"hi\"]}")).hasMessageContaining("steps[0]");
        assertThatThrownBy(() -> CallScript.fromJson("{\"steps\": [{\"user\": 5}]}"))
                .hasMessageContaining("user must be a JSON string");
        assertThatThrownBy(() -> CallScript.fromJson("{\"durationSeconds\": 1.5}"))
                .hasMessageContaining("durationSeconds must be a whole number");
        assertThatThrownBy(() -> CallScript.fromJson("{\"from\": "))
                .hasMessageContaining("not valid JSON");
    }
}
