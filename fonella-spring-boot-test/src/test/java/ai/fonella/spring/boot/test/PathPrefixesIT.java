package ai.fonella.spring.boot.test;

import static org.assertj.core.api.Assertions.assertThat;

import ai.fonella.model.Tool;
import ai.fonella.test.FonellaEmulator;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * {@code server.servlet.context-path=/} is Boot's way of saying "the root", and the DispatcherServlet
 * may have a path of its own: the tools are registered at {@code http://127.0.0.1:<port>/api/fonella/...},
 * and the test client calls them there (it called {@code //fonella/...} and got 404).
 */
@SpringBootTest(classes = TestSupportApp.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"server.servlet.context-path=/", "spring.mvc.servlet.path=/api/"})
@AutoConfigureFonellaEmulator
class PathPrefixesIT {

    @Autowired
    FonellaEmulator emulator;

    @Autowired
    ApplicationContext context;

    @LocalServerPort
    int port;

    @Test
    void registersAndCallsTheToolsUnderTheServletPathWithNoSecondSlash() {
        assertThat(emulator.client().tools().list()).extracting(Tool::url)
                .containsExactly("http://127.0.0.1:" + port + "/api/fonella/tools/echo");

        FonellaTestClient.Response response = new FonellaTestClient(context).invokeTool("echo", "{\"text\":\"hi\"}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.result()).isEqualTo("hi");
    }
}
