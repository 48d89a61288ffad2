package ai.fonella.client;

import static org.assertj.core.api.Assertions.assertThat;

import ai.fonella.support.FonellaJson;
import ai.fonella.model.CreateApiKeyRequest;
import ai.fonella.model.CreateToolRequest;
import ai.fonella.model.CreateWebhookRequest;
import ai.fonella.model.EventType;
import ai.fonella.model.ToolMethod;
import ai.fonella.model.UpdateToolRequest;
import ai.fonella.model.UpdateWebhookRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The exact JSON bodies the client sends: only the fields that were given, nothing else. */
class RequestBodyTests {

    @Test
    void partialToolUpdateSendsOnlyTheGivenFields() {
        UpdateToolRequest request = UpdateToolRequest.builder().description("Updated description").build();

        assertThat(json(request)).isEqualTo("{\"description\":\"Updated description\"}");
        assertThat(request.isEmpty()).isFalse();
    }

    @Test
    void emptyToolUpdateSendsAnEmptyObject() {
        assertThat(json(UpdateToolRequest.builder().build())).isEqualTo("{}");
    }

    @Test
    void partialWebhookUpdateSendsOnlyTheGivenFields() {
        assertThat(json(UpdateWebhookRequest.builder().enabled(true).build())).isEqualTo("{\"enabled\":true}");
        assertThat(json(UpdateWebhookRequest.builder().events(EventType.CALL_ENDED).build()))
                .isEqualTo("{\"events\":[\"call.ended\"]}");
    }

    @Test
    void createRequestsOmitAbsentOptionalFields() {
        assertThat(json(CreateApiKeyRequest.of("CRM Integration"))).isEqualTo("{\"name\":\"CRM Integration\"}");
        assertThat(json(CreateWebhookRequest.of("https://crm.example.com/hook", EventType.CALL_STARTED)))
                .isEqualTo("{\"url\":\"https://crm.example.com/hook\",\"events\":[\"call.started\"]}");
        assertThat(json(CreateToolRequest.builder().name("lookupOrder").description("d")
                .url("https://shop.example.com/t").method(ToolMethod.GET).headers(Map.of("X-Key", "v")).build()))
                .isEqualTo("{\"name\":\"lookupOrder\",\"description\":\"d\",\"url\":\"https://shop.example.com/t\","
                        + "\"method\":\"GET\",\"headers\":{\"X-Key\":\"v\"}}");
    }

    private static String json(Object value) {
        return FonellaJson.mapper().writeValueAsString(value);
    }
}
