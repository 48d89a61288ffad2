package ai.fonella.spring.boot.autoconfigure;

import ai.fonella.model.Tool;
import ai.fonella.support.FonellaJson;
import ai.fonella.tool.ToolInvoker;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.net.ssl.SSLContext;
import org.springframework.boot.autoconfigure.preinitialize.BackgroundPreinitializer;

/**
 * Warms, on Spring Boot's background preinitialization thread, what the starter would otherwise
 * initialize cold on the main thread while the application starts: Fonella's two JSON mappers and
 * Jackson's tree and API model readers, the SHA-256 digest that checks build-time tool definitions,
 * the HMAC that verifies webhooks, and the JDK's default TLS context that the client's first request
 * needs. The same mechanism as Boot's own Jackson and Tomcat preinitializers (Spring Boot 4; on
 * Spring Boot 3.5 it is not called), and switched off with them by
 * {@code -Dspring.backgroundpreinitializer.ignore=true}. Nothing here changes what the app does; a
 * failure only means that the main thread does this work itself.
 */
final class FonellaBackgroundPreinitializer implements BackgroundPreinitializer {

    @Override
    public void preinitialize() throws Exception {
        ToolInvoker.defaultJsonMapper().readTree("{\"a\":[1,2.5,\"b\",true,null,{}]}");
        FonellaJson.mapper().readerFor(Tool.class);
        MessageDigest.getInstance("SHA-256").digest("fonella".getBytes(StandardCharsets.UTF_8));
        Mac.getInstance("HmacSHA256");
        SSLContext.getDefault();
    }
}
