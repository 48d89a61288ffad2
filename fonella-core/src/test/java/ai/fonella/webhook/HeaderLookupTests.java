package ai.fonella.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HeaderLookupTests {

    @Test
    void looksHeadersUpIgnoringCase() {
        HeaderLookup headers = HeaderLookup.of(Map.of("X-Fonella-Signature", "t=1,v1=00", "webhook-id", "msg_1"));

        assertThat(headers.get("x-fonella-signature")).isEqualTo("t=1,v1=00");
        assertThat(headers.get("WEBHOOK-ID")).isEqualTo("msg_1");
        assertThat(headers.get("webhook-timestamp")).isNull();
    }
}
