package ai.fonella.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Core must work when the application has no {@code jakarta.validation-api}: the schema generator is
 * loaded in a class loader whose class path lacks it.
 */
class WithoutJakartaValidationTests {

    @Test
    void generatesSchemasWhenJakartaValidationIsNotOnTheClassPath(@TempDir Path dir) throws Exception {
        definesAndInvokesWithout(dir, "jakarta.validation", "jakarta.validation.constraints.NotNull");
    }

    /**
     * Defines and invokes tools of a plain Java class in a class loader whose class path leaves out
     * every jar whose file name contains {@code classPathFragment}.
     */
    static void definesAndInvokesWithout(Path dir, String classPathFragment, String absentClass) throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!Path.of(entry).getFileName().toString().contains(classPathFragment)) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        Path classes = compile(dir, """
                package plain;
                import ai.fonella.tool.FonellaTool;
                import java.util.List;
                public class PlainTools {
                    public record Item(String sku, int quantity) { }
                    @FonellaTool(description = "Orders items")
                    public String order(String customer, List<Item> items) {
                        return customer;
                    }
                    @FonellaTool(description = "Always fails")
                    public String fail(String reason) {
                        throw new IllegalStateException(reason);
                    }
                }
                """);
        urls.add(classes.toUri().toURL());

        try (URLClassLoader isolated = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            assertThatThrownBy(() -> isolated.loadClass(absentClass))
                    .isInstanceOf(ClassNotFoundException.class);
            Class<?> tools = isolated.loadClass("plain.PlainTools");
            Class<?> definitions = isolated.loadClass("ai.fonella.tool.ToolDefinitions");
            Class<?> generator = isolated.loadClass("ai.fonella.tool.ToolSchemaGenerator");
            List<?> built = (List<?>) definitions.getMethod("fromClass", Class.class).invoke(null, tools);
            Object definition = named(built, "order");
            Object schema = definition.getClass().getMethod("inputSchema").invoke(definition);
            Method toJson = generator.getMethod("toJson", isolated.loadClass("tools.jackson.databind.JsonNode"));

            assertThat((String) toJson.invoke(null, schema)).isEqualTo("{\"type\":\"object\",\"properties\":{"
                    + "\"customer\":{\"type\":\"string\"},\"items\":{\"type\":\"array\",\"items\":{\"type\":\"object\","
                    + "\"properties\":{\"sku\":{\"type\":\"string\"},\"quantity\":{\"type\":\"integer\",\"minimum\":-2147483648,"
                    + "\"maximum\":2147483647}},"
                    + "\"required\":[\"sku\",\"quantity\"],\"additionalProperties\":false}}},"
                    + "\"required\":[\"customer\",\"items\"],\"additionalProperties\":false}");

            // The invoker recognizes constraint violations without needing jakarta.validation itself.
            Class<?> invokerType = isolated.loadClass("ai.fonella.tool.ToolInvoker");
            Object builder = invokerType.getMethod("builder").invoke(null);
            Object invoker = builder.getClass().getMethod("build").invoke(builder);
            Object failing = named(built, "fail");
            Object prepared = invokerType.getMethod("prepare", failing.getClass(), Object.class)
                    .invoke(invoker, failing, tools.getConstructor().newInstance());
            Class<?> argumentsType = isolated.loadClass("ai.fonella.tool.ToolArguments");
            Class<?> contextType = isolated.loadClass("ai.fonella.tool.ToolCallContext");
            Object outcome = invokerType.getMethod("invoke", prepared.getClass(), argumentsType, contextType)
                    .invoke(invoker, prepared, argumentsType.getMethod("json", String.class).invoke(null,
                            "{\"reason\":\"broken\"}"), contextType.getMethod("empty").invoke(null));
            assertThat(outcome.getClass().getMethod("status").invoke(outcome).toString()).isEqualTo("ERROR");
        }
    }

    private static Object named(List<?> definitions, String name) throws ReflectiveOperationException {
        for (Object definition : definitions) {
            if (name.equals(definition.getClass().getMethod("name").invoke(definition))) {
                return definition;
            }
        }
        throw new AssertionError("No definition named " + name);
    }

    private static Path compile(Path dir, String source) throws MalformedURLException, java.io.IOException {
        Path file = dir.resolve("src/plain/PlainTools.java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, source, StandardCharsets.UTF_8);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        int status = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-parameters", "-classpath",
                System.getProperty("java.class.path"), "-d", classes.toString(), file.toString());
        assertThat(status).isZero();
        return classes;
    }
}
