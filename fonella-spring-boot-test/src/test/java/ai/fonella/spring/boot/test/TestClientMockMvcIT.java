package ai.fonella.spring.boot.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import ai.fonella.model.EventType;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/** The test client's MockMvc requests, with a configured secret and no API key or emulator. */
@SpringBootTest(classes = TestSupportApp.class, properties = {
        "fonella.webhooks.secrets=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        "fonella.tools.secret=mock-secret"})
class TestClientMockMvcIT {

    @Autowired
    ApplicationContext context;

    @Autowired
    TestSupportApp.EchoBeans echo;

    @Test
    void sendsSignedWebhooksAndAuthenticatedToolCallsThroughMockMvc() throws Exception {
        MockMvc mockMvc = MockMvcBuilders.webAppContextSetup((WebApplicationContext) context).build();
        FonellaTestClient fonella = new FonellaTestClient(context);

        mockMvc.perform(fonella.toolRequest("echo", "{\"text\":\"hi\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.result").value("hi"));
        mockMvc.perform(fonella.webhookRequest(FonellaTestClient.event(EventType.CALL_ENDED,
                        Map.of("call", Map.of("id", "call-mock")))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.received").value(true));
        assertThat(echo.endedCalls).contains("call-mock");
    }
}
