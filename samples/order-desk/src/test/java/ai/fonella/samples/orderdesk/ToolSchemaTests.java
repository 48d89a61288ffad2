package ai.fonella.samples.orderdesk;

import static org.assertj.core.api.Assertions.assertThat;

import ai.fonella.samples.orderdesk.callbacks.CallbackTools;
import ai.fonella.samples.orderdesk.orders.OrderTools;
import ai.fonella.tool.ToolSchemaGenerator;
import ai.fonella.tool.ToolDefinition;
import ai.fonella.tool.ToolDefinitions;
import org.junit.jupiter.api.Test;

/**
 * The schemas the assistant sees, without Spring: what the starter registers at startup is computed
 * by the same {@link ToolDefinitions}. A quick way to check how a Java signature reads to the model.
 */
class ToolSchemaTests {

    @Test
    void lookupOrderTakesTheRecordsComponentsWithTheEnumAsOptional() {
        ToolDefinition lookup = ToolDefinitions.fromClass(OrderTools.class).get(0);

        assertThat(ToolSchemaGenerator.toJson(lookup.inputSchema())).isEqualTo("{\"type\":\"object\",\"properties\":{"
                + "\"orderNumber\":{\"type\":\"string\",\"description\":\"The order number the caller gives, e.g. "
                + "A-1001\"},\"expectedStatus\":{\"type\":\"string\",\"enum\":[\"PLACED\",\"PACKED\",\"SHIPPED\","
                + "\"DELIVERED\",\"CANCELLED\"],\"description\":\"The status the caller asks about or expects, if they "
                + "said one\"}},\"required\":[\"orderNumber\"],\"additionalProperties\":false}");
    }

    @Test
    void bookCallbackShowsDateAndTimeFormatsAndItsConstraints() {
        ToolDefinition book = ToolDefinitions.fromClass(CallbackTools.class).get(0);

        assertThat(book.name()).isEqualTo("bookCallback");
        assertThat(book.inputSchema().at("/properties/date/format").asString()).isEqualTo("date");
        // a LocalTime has no offset, so no RFC 3339 "time" format: a pattern says what binds
        assertThat(book.inputSchema().at("/properties/time/format").isMissingNode()).isTrue();
        assertThat(book.inputSchema().at("/properties/time/pattern").asString()).startsWith("^([01][0-9]|2[0-3])");
        // @Pattern matches the whole value, so the schema's pattern is anchored
        assertThat(book.inputSchema().at("/properties/phoneNumber/pattern").asString())
                .isEqualTo("^(?:\\+[1-9][0-9]{6,14})$");
        assertThat(book.inputSchema().at("/properties/topic/maxLength").asInt()).isEqualTo(200);
        assertThat(book.inputSchema().get("required").valueStream().map(name -> name.asString()))
                .containsExactly("date", "time", "phoneNumber");
        assertThat(book.inputSchema().get("properties").has("context")).isFalse();
    }
}
