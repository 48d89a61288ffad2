package ai.fonella.samples.plainjava;

import static org.assertj.core.api.Assertions.assertThat;

import ai.fonella.model.Call;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The demo runs end to end and tells the story it promises. Leave it out with {@link PlainJavaDemo}. */
class PlainJavaDemoIT {

    @Test
    void theDemoPlacesACallAndShowsIt() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        Call call = PlainJavaDemo.demo(new PrintStream(out, true, StandardCharsets.UTF_8));

        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("\\\\+[1-9][0-9]{6,14}")
                .contains("+ create bookCallback")
                .contains("tool    lookupOrder({\"orderNumber\":\"A-1007\"}) -> \"I could not find order A-1007.")
                .contains("webhook call.summary verified, handled -> 200")
                .contains("The call log (GET /v1/calls/" + call.id() + ")")
                .contains("The handlers stored: call.ended true, summary true");
    }
}
