package ai.fonella.spring.boot.autoconfigure;

import ai.fonella.model.Tool;
import ai.fonella.model.ToolMethod;
import ai.fonella.support.FonellaJson;
import ai.fonella.tool.FonellaTool;
import ai.fonella.tool.InvocableTool;
import ai.fonella.tool.ToolArguments;
import ai.fonella.tool.ToolCallContext;
import ai.fonella.tool.ToolCatalog;
import ai.fonella.tool.ToolDefinition;
import ai.fonella.tool.ToolDefinitions;
import ai.fonella.tool.ToolInvoker;
import ai.fonella.tool.ToolOutcome;
import ai.fonella.tool.ToolParam;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Mac;
import javax.net.ssl.SSLContext;
import org.springframework.boot.autoconfigure.preinitialize.BackgroundPreinitializer;
import tools.jackson.databind.node.ObjectNode;

/**
 * Warms, on Spring Boot's background preinitialization thread, what the starter would otherwise
 * initialize cold on the main thread while the application starts: Fonella's two JSON mappers and
 * Jackson's tree and API model readers, the SHA-256 digest that checks build-time tool definitions,
 * the HMAC that verifies webhooks, the JDK's TLS provider (not its default context, which the app
 * may still configure through {@code javax.net.ssl.*} while it starts), and the tool path itself, by defining, preparing and invoking one rehearsal tool of its own
 * (its schema generated only when the app has no build-time definitions, which is when the main
 * thread will generate schemas too). The same mechanism as Boot's own Jackson and Tomcat
 * preinitializers (Spring Boot 4; on Spring Boot 3.5 it is not called), switched off with them by
 * {@code -Dspring.backgroundpreinitializer.ignore=true}. Boot waits for this work, as for its own,
 * before it reports the app ready. Nothing here changes what the app does; a
 * failure only means that the main thread does this work itself.
 */
final class FonellaBackgroundPreinitializer implements BackgroundPreinitializer {

    /** The rehearsal tool's schema where the app's schemas come from the build (no generator needed). */
    private static final String REHEARSAL_SCHEMA = """
            {"type":"object","properties":{"note":{"type":"string"},"order":{"type":"object","properties":{
            "id":{"type":"string"},"quantity":{"type":"integer","minimum":-2147483648,"maximum":2147483647},
            "size":{"type":"string","enum":["SMALL","LARGE"]}},"required":["id","quantity","size"],
            "additionalProperties":false}},"required":["note","order"],"additionalProperties":false}""";

    @Override
    public void preinitialize() throws Exception {
        ToolInvoker.defaultJsonMapper().readTree("{\"a\":[1,2.5,\"b\",true,null,{}]}");
        FonellaJson.mapper().readerFor(Tool.class);
        MessageDigest.getInstance("SHA-256").digest("fonella".getBytes(StandardCharsets.UTF_8));
        Mac.getInstance("HmacSHA256");
        rehearse(getClass().getClassLoader().getResource(ToolCatalog.RESOURCE) != null);
        SSLContext.getInstance("TLS");
    }

    /**
     * Defines, prepares and invokes the rehearsal tool; returns what it answered.
     *
     * @param schemasFromBuild whether the app's schemas come from the build, so that the main thread
     *     will not generate any and neither need this
     */
    ToolOutcome rehearse(boolean schemasFromBuild) throws NoSuchMethodException {
        Method method = Rehearsal.class.getMethod("order", String.class, Rehearsal.Order.class);
        ToolCatalog.fingerprint(Rehearsal.class, method);
        ToolDefinition definition = !schemasFromBuild ? ToolDefinitions.of(Rehearsal.class, method)
                : new ToolDefinition("order", "Rehearses the tool path", ToolMethod.POST, null,
                        (ObjectNode) FonellaJson.mapper().readTree(REHEARSAL_SCHEMA), method, Rehearsal.class);
        AtomicReference<ToolOutcome> answered = new AtomicReference<>();
        try (ToolInvoker invoker = ToolInvoker.builder().build()) {
            InvocableTool tool = invoker.prepare(definition, new Rehearsal());
            byte[] body = "{\"note\":\"n\",\"order\":{\"id\":\"A-1\",\"quantity\":2,\"size\":\"LARGE\"}}"
                    .getBytes(StandardCharsets.UTF_8);
            invoker.invokeInline(tool, ToolArguments.parse(body), ToolCallContext.empty(), System.nanoTime(),
                    answered::set);
        }
        return answered.get();
    }

    /** The rehearsal tool: text, a whole number, an enum and a record, as most tools take. */
    public static final class Rehearsal {

        /** A size. */
        public enum Size { SMALL, LARGE }

        /**
         * An order.
         *
         * @param id its id
         * @param quantity how many
         * @param size which size
         */
        public record Order(String id, int quantity, Size size) {
        }

        /**
         * Echoes its arguments.
         *
         * @param note a note
         * @param order an order
         * @return both as text
         */
        @FonellaTool(description = "Rehearses the tool path")
        public String order(@ToolParam(name = "note") String note, @ToolParam(name = "order") Order order) {
            return note + order;
        }
    }
}
