package ai.fonella.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.fonella.InvalidRequestException;
import ai.fonella.model.Tool;
import ai.fonella.model.ToolMethod;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ToolEndpointTests {

    @Test
    void derivesToolAndWebhookUrlsFromPublicUrlAndBasePath() {
        ToolEndpoint endpoint = new ToolEndpoint("https://shop.example.com/", "fonella/", null, "s3cret");

        assertThat(endpoint.toolUrl("lookupOrder")).isEqualTo("https://shop.example.com/fonella/tools/lookupOrder");
        assertThat(endpoint.toolUrlPrefix()).isEqualTo("https://shop.example.com/fonella/tools/");
        assertThat(endpoint.webhookUrl()).isEqualTo("https://shop.example.com/fonella/webhooks");
        assertThat(endpoint.headers()).isEqualTo(Map.of("X-Fonella-Tool-Secret", "s3cret"));
    }

    @Test
    void acceptsAnEmptyBasePath() {
        ToolEndpoint endpoint = new ToolEndpoint("https://shop.example.com/api", "/", "X-Key", null);

        assertThat(endpoint.toolUrl("lookupOrder")).isEqualTo("https://shop.example.com/api/tools/lookupOrder");
        assertThat(endpoint.headers()).isEmpty();
    }

    @Test
    void refusesABasePathThatIsNotAPlainUriPath() {
        for (String path : List.of("/my path", "/a?b", "/a#b", "/a//b", "/caf\u00e9", "/a%2")) {
            assertThatThrownBy(() -> new ToolEndpoint("https://shop.example.com", path, null, null))
                    .as(path)
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                        assertThat(e.field()).isEqualTo("basePath");
                        assertThat(e.getMessage()).contains("'" + path + "'").contains("no spaces");
                    });
        }
        assertThat(new ToolEndpoint("https://shop.example.com", "api/v2.1/~fonella;x=1/%20ok/", null, null)
                .toolUrl("a")).isEqualTo("https://shop.example.com/api/v2.1/~fonella;x=1/%20ok/tools/a");
    }

    @Test
    void refusesAPublicUrlWithoutItsSchemeShowingTheExpectedForm() {
        for (String url : List.of("127.0.0.1:8081", "shop.example.com", "https://shop example.com")) {
            assertThatThrownBy(() -> new ToolEndpoint(url, null, null, null))
                    .as(url)
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                        assertThat(e.field()).isEqualTo("publicUrl");
                        assertThat(e.getMessage()).contains("'" + url + "'").contains("e.g. https://shop.example.com");
                    });
        }
    }

    @Test
    void usesTheDefaultBasePathForNull() {
        assertThat(new ToolEndpoint("https://shop.example.com", null, null, null).toolUrl("a"))
                .isEqualTo("https://shop.example.com/fonella/tools/a");
    }

    @Test
    void ownsExactlyToolsUnderItsPrefix() {
        ToolEndpoint endpoint = ToolEndpoint.of("https://shop.example.com", null);

        assertThat(endpoint.owns(tool("https://shop.example.com/fonella/tools/a"))).isTrue();
        assertThat(endpoint.owns(tool("https://shop.example.com/fonella/toolsX/a"))).isFalse();
        assertThat(endpoint.owns(tool("https://shop.example.com.evil.test/fonella/tools/a"))).isFalse();
        assertThat(endpoint.owns(tool(null))).isFalse();
    }

    @Test
    void requiresAnHttpsPublicUrlExceptOnLoopback() {
        assertThatThrownBy(() -> ToolEndpoint.of("http://shop.example.com", null))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("HTTPS");
        assertThatThrownBy(() -> ToolEndpoint.of(" ", null))
                .hasMessageContaining("fonella.public-url");
        assertThat(ToolEndpoint.of("http://127.0.0.1:8080", null).toolUrl("a"))
                .isEqualTo("http://127.0.0.1:8080/fonella/tools/a");
    }

    @Test
    void rejectsABlankSecretAndAnInvalidHeaderName() {
        assertThatThrownBy(() -> ToolEndpoint.of("https://shop.example.com", "  "))
                .hasMessageContaining("tool secret is blank");
        assertThatThrownBy(() -> new ToolEndpoint("https://shop.example.com", null, "Bad Header", "x"))
                .hasMessageContaining("not a valid HTTP header name");
    }

    @Test
    void toStringHidesTheSecret() {
        assertThat(ToolEndpoint.of("https://shop.example.com", "s3cret").toString()).doesNotContain("s3cret");
    }

    private static Tool tool(String url) {
        return new Tool("t", "a", "d", url, ToolMethod.POST, Map.of(), null, true, null);
    }
}
