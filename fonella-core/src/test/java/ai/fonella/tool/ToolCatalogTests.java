package ai.fonella.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.math.BigDecimal;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import ai.fonella.support.FonellaJson;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** {@link ToolCatalog}: schemas written at build time, used only for the methods they were computed from. */
class ToolCatalogTests {

    /** A tool. */
    public static class Orders {
        /** What is ordered. */
        public record Line(String sku, int quantity) {
        }

        @FonellaTool(description = "Place an order")
        public String place(String customer, List<Line> lines) {
            return "ok";
        }
    }

    /** The same tool name and method name in another class. */
    public static class OtherOrders {
        @FonellaTool(description = "Place an order")
        public String place(String customer) {
            return "ok";
        }
    }

    /** A tool class taking the parameters given, compiled by the tests below. */
    private static final String TAG_TOOLS = """
            package fx;
            public class Tools {
                @ai.fonella.tool.FonellaTool(description = "Tag a call")
                public String tag(%s) { return "ok"; }
            }
            """;

    @Test
    void givesBackTheSchemaItWasWrittenWithForTheSameMethod() throws Exception {
        Method place = Orders.class.getMethod("place", String.class, List.class);
        ToolDefinition definition = ToolDefinitions.of(Orders.class, place);

        ToolCatalog catalog = ToolCatalog.read(ToolCatalog.render(List.of(definition), null), "built");
        ToolCatalog.Lookup lookup = catalog.schema(Orders.class, place);

        assertThat(lookup.whyNot()).isNull();
        assertThat(lookup.schema()).isEqualTo(definition.inputSchema());
        assertThat(ToolDefinitions.of(Orders.class, place, catalog)).isEqualTo(
                new ToolDefinition(definition.name(), definition.description(), definition.httpMethod(),
                        definition.timeout(), lookup.schema(), place, Orders.class));
    }

    /** Numbers of every kind a schema may hold, as constraints. */
    public static class Limits {
        @FonellaTool(description = "Check limits")
        public String check(@DecimalMin("0.10") @DecimalMax("12345678901234567890.10") BigDecimal amount,
                @DecimalMin("0.05") @Max(9_000_000_000L) BigDecimal price, @DecimalMax("1E+2") double share,
                @Min(-3) int count, @Size(min = 1, max = 4) List<Boolean> flags) {
            return "ok";
        }
    }

    @Test
    void givesBackSchemasThatWriteTheBytesTheyWereGeneratedWithEvenForDecimalsADoubleCannotHold()
            throws Exception {
        List<ToolDefinition> definitions = List.of(ToolDefinitions.fromClass(Limits.class).get(0),
                ToolDefinitions.of(Orders.class, Orders.class.getMethod("place", String.class, List.class)));
        byte[] written = ToolCatalog.render(definitions, null);
        ToolCatalog catalog = ToolCatalog.read(written, "built");
        JsonMapper wire = FonellaJson.mapper(); // what POST /v1/tools sends

        for (ToolDefinition definition : definitions) {
            ObjectNode schema = catalog.schema(definition.targetClass(), definition.javaMethod()).schema();
            assertThat(wire.writeValueAsString(schema)).isEqualTo(wire.writeValueAsString(definition.inputSchema()));
        }
        assertThat(wire.writeValueAsString(definitions.get(0).inputSchema()))
                .contains("0.10", "12345678901234567890.10", "0.05", "1E+2", "9000000000", "-3");
    }

    /** Two tools from one Java method name. */
    public static class Finder {
        @FonellaTool(name = "findByName", description = "Find a customer by name")
        public String find(String name) {
            return name;
        }

        @FonellaTool(name = "findById", description = "Find a customer by number")
        public String find(int id) {
            return "c" + id;
        }
    }

    @Test
    void tellsOverloadsApartByTheirFingerprints() throws Exception {
        List<ToolDefinition> definitions = ToolDefinitions.fromClass(Finder.class);
        ToolCatalog catalog = ToolCatalog.read(ToolCatalog.render(definitions, null), "built");

        assertThat(definitions).hasSize(2);
        for (ToolDefinition definition : definitions) {
            ToolCatalog.Lookup lookup = catalog.schema(Finder.class, definition.javaMethod());
            assertThat(lookup.whyNot()).isNull();
            assertThat(lookup.schema()).isEqualTo(definition.inputSchema());
        }
        assertThat(definitions.get(0).inputSchema()).isNotEqualTo(definitions.get(1).inputSchema());
    }

    /**
     * What a schema is computed from beyond fields and annotations on them: each case compiles two
     * versions of the same classes, whose schemas differ, and their fingerprints must differ too.
     * The classes compiled twice without a change must keep theirs.
     */
    @Test
    void aChangeThatChangesTheSchemaChangesTheFingerprint(@TempDir Path dir) throws Exception {
        String tier = """
                package fx;
                public enum Tier { BRONZE, GOLD%s }
                """;
        String jsonValue = "; @com.fasterxml.jackson.annotation.JsonValue public String code() { "
                + "return name().toLowerCase(); }";
        String base = """
                package fx;
                public class Base<T> {
                    @ai.fonella.tool.FonellaTool(description = "Handle an item")
                    public String handle(T item) { return "ok"; }
                }
                """;
        String tools = """
                package fx;
                public class Tools extends Base<%s> {
                    @ai.fonella.tool.FonellaTool(description = "Tag a call")
                    public String tag(Contact contact, Tier tier) {
                        return "ok";
                    }
                }
                """;
        String contact = """
                package fx;
                public class Contact {
                    private String phone;
                    @com.fasterxml.jackson.annotation.JsonPropertyDescription("%s")
                    public String getPhone() { return phone; }
                    public void setPhone(String phone) { this.phone = phone; }
                }
                """;
        Map<String, String> before = Map.of("fx.Tier", tier.formatted(""), "fx.Base", base,
                "fx.Tools", tools.formatted("Order"), "fx.Contact", contact.formatted("The phone"),
                "fx.Order", "package fx; public record Order(String number) {}",
                "fx.Customer", "package fx; public record Customer(String email, int age) {}");
        Map<String, Map<String, String>> changes = Map.of(
                "an enum's @JsonValue method", Map.of("fx.Tier", tier.formatted(jsonValue)),
                "a getter's annotation", Map.of("fx.Contact", contact.formatted("The mobile number")),
                "the type argument of a generic superclass", Map.of("fx.Tools", tools.formatted("Customer")));

        Class<?> original = compile(dir.resolve("before"), before).loadClass("fx.Tools");
        Class<?> again = compile(dir.resolve("again"), before).loadClass("fx.Tools");
        for (Method method : ToolDefinitions.findToolMethods(original)) {
            assertThat(ToolCatalog.fingerprint(original, method)).as(method.getName())
                    .isEqualTo(ToolCatalog.fingerprint(again, counterpart(again, method)));
            assertThat(catalogOf(original, method).schema(again, counterpart(again, method)).whyNot())
                    .as(method.getName()).isNull();
        }
        for (Map.Entry<String, Map<String, String>> change : changes.entrySet()) {
            Map<String, String> after = new HashMap<>(before);
            after.putAll(change.getValue());
            Class<?> changed = compile(dir.resolve(String.valueOf(change.getKey().hashCode())), after)
                    .loadClass("fx.Tools");
            boolean someSchemaChanged = false;
            for (Method method : ToolDefinitions.findToolMethods(original)) {
                Method counterpart = counterpart(changed, method);
                boolean schemaChanged = !ToolDefinitions.of(original, method).inputSchema()
                        .equals(ToolDefinitions.of(changed, counterpart).inputSchema());
                someSchemaChanged |= schemaChanged;
                if (schemaChanged) {
                    assertRefused(original, method, changed, counterpart, change.getKey());
                }
            }
            assertThat(someSchemaChanged).as("the schema changes with %s", change.getKey()).isTrue();
        }
    }

    /**
     * Schema changes made in classes that annotations name or define, and in an enum constant's
     * body (cases from the second read of the class-file fingerprint).
     */
    @Test
    void theFingerprintFollowsAnnotationsAndEnumConstantBodies(@TempDir Path dir) throws Exception {
        String tier = """
                package fx;
                public enum Tier { BRONZE, GOLD { @Override public String code() { return "%s"; } };
                    @com.fasterxml.jackson.annotation.JsonValue public String code() { return name(); } }
                """;
        String card = "package fx; public record Card(String %s) implements Payment {}";
        String payment = """
                package fx;
                import com.fasterxml.jackson.annotation.JsonSubTypes;
                import com.fasterxml.jackson.annotation.JsonTypeInfo;
                @JsonTypeInfo(use = JsonTypeInfo.Id.NAME)
                @JsonSubTypes(@JsonSubTypes.Type(value = Card.class, name = "card"))
                public interface Payment {}
                """;
        String phone = """
                package fx;
                @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
                @com.fasterxml.jackson.annotation.JacksonAnnotationsInside
                @com.fasterxml.jackson.annotation.JsonProperty("%s")
                public @interface Phone {}
                """;
        String shortText = """
                package fx;
                @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
                @jakarta.validation.Constraint(validatedBy = {})
                @jakarta.validation.constraints.Size(max = %d)
                public @interface ShortText {
                    String message() default "short"; Class<?>[] groups() default {};
                    Class<? extends jakarta.validation.Payload>[] payload() default {}; }
                """;
        String upper = """
                package fx;
                public class Upper extends tools.jackson.databind.PropertyNamingStrategies.NamingBase {
                    @Override public String translate(String name) { return name.%s(); } }
                """;
        Map<String, List<Map<String, String>>> cases = Map.of(
                "an enum constant's body", List.of(Map.of("fx.Tools", TAG_TOOLS.formatted("Tier tier"),
                        "fx.Tier", tier.formatted("gold")), Map.of("fx.Tier", tier.formatted("platinum"))),
                "a @JsonSubTypes subtype", List.of(Map.of("fx.Tools", TAG_TOOLS.formatted("Payment payment"),
                        "fx.Payment", payment, "fx.Card", card.formatted("number")),
                        Map.of("fx.Card", card.formatted("iban"))),
                "an annotation bundle", List.of(Map.of("fx.Tools", TAG_TOOLS.formatted("Contact contact"),
                        "fx.Contact", "package fx; public record Contact(@Phone String phone) {}",
                        "fx.Phone", phone.formatted("phone")), Map.of("fx.Phone", phone.formatted("mobile"))),
                "a composed constraint", List.of(Map.of("fx.Tools", TAG_TOOLS.formatted("Note note"),
                        "fx.Note", "package fx; public record Note(@ShortText String text) {}",
                        "fx.ShortText", shortText.formatted(10)), Map.of("fx.ShortText", shortText.formatted(20))),
                "a @JsonNaming strategy", List.of(Map.of("fx.Tools", TAG_TOOLS.formatted("Named named"), "fx.Named",
                        "package fx; @tools.jackson.databind.annotation.JsonNaming(Upper.class) "
                                + "public record Named(String phone) {}", "fx.Upper", upper.formatted("toUpperCase")),
                        Map.of("fx.Upper", upper.formatted("toLowerCase"))));
        for (Map.Entry<String, List<Map<String, String>>> change : cases.entrySet()) {
            Map<String, String> before = change.getValue().get(0);
            Map<String, String> after = new HashMap<>(before);
            after.putAll(change.getValue().get(1));
            Class<?> original = compile(dir.resolve(change.getKey().hashCode() + "-a"), before).loadClass("fx.Tools");
            Class<?> changed = compile(dir.resolve(change.getKey().hashCode() + "-b"), after).loadClass("fx.Tools");
            Method method = ToolDefinitions.findToolMethods(original).get(0);
            Method counterpart = counterpart(changed, method);
            assertThat(ToolDefinitions.of(original, method).inputSchema())
                    .as("the schema changes with %s", change.getKey())
                    .isNotEqualTo(ToolDefinitions.of(changed, counterpart).inputSchema());
            assertRefused(original, method, changed, counterpart, change.getKey());
        }
    }

    /**
     * Both ways a fingerprint is computed see the change: written again from the changed classes
     * (by the walk that finds them), and checked when the app starts (from the class names the
     * original catalog lists).
     */
    private static void assertRefused(Class<?> original, Method method, Class<?> changed, Method counterpart,
            String change) {
        assertThat(ToolCatalog.fingerprint(changed, counterpart)).as(change)
                .isNotEqualTo(ToolCatalog.fingerprint(original, method));
        ToolCatalog.Lookup lookup = catalogOf(original, method).schema(changed, counterpart);
        assertThat(lookup.schema()).as(change).isNull();
        assertThat(lookup.whyNot()).as(change).contains("changed since built was written");
    }

    private static ToolCatalog catalogOf(Class<?> type, Method method) {
        return ToolCatalog.read(ToolCatalog.render(List.of(ToolDefinitions.of(type, method)), null), "built");
    }

    private static Method counterpart(Class<?> type, Method method) {
        return ToolDefinitions.findToolMethods(type).stream().filter(m -> m.getName().equals(method.getName()))
                .findFirst().orElseThrow();
    }

    private static ClassLoader compile(Path dir, Map<String, String> sources) throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        List<String> arguments = new ArrayList<>(List.of("-parameters", "-classpath",
                System.getProperty("java.class.path"), "-d", dir.resolve("classes").toString()));
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = dir.resolve("src").resolve(source.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
            arguments.add(file.toString());
        }
        Files.createDirectories(dir.resolve("classes"));
        assertThat(compiler.run(null, null, null, arguments.toArray(String[]::new))).as("javac").isZero();
        return new URLClassLoader(new URL[] {dir.resolve("classes").toUri().toURL()},
                ToolCatalogTests.class.getClassLoader());
    }

    @Test
    void saysWhyItHasNoSchemaForAnotherMethodOrAChangedOne() throws Exception {
        Method place = Orders.class.getMethod("place", String.class, List.class);
        byte[] written = ToolCatalog.render(List.of(ToolDefinitions.of(Orders.class, place)), null);
        ToolCatalog catalog = ToolCatalog.read(written, "built");

        assertThat(catalog.schema(OtherOrders.class, OtherOrders.class.getMethod("place", String.class)).whyNot())
                .contains("has no schema for " + OtherOrders.class.getName() + "#place");
        String fingerprint = ToolCatalog.fingerprint(Orders.class, place);
        ToolCatalog changed = ToolCatalog.read(new String(written, StandardCharsets.UTF_8)
                .replace(fingerprint, "0".repeat(64)).getBytes(StandardCharsets.UTF_8), "built");
        assertThat(changed.schema(Orders.class, place).schema()).isNull();
        assertThat(changed.schema(Orders.class, place).whyNot()).contains("changed since built was written");

        String listed = "\"" + Orders.Line.class.getName() + "\"";
        assertThat(new String(written, StandardCharsets.UTF_8)).contains(listed);
        ToolCatalog unlisted = ToolCatalog.read(new String(written, StandardCharsets.UTF_8).replace(listed + ", ", "")
                .replace(", " + listed, "").getBytes(StandardCharsets.UTF_8), "built");
        assertThat(unlisted.schema(Orders.class, place).whyNot()).as("a class taken off the list")
                .contains("changed since built was written");
        ToolCatalog gone = ToolCatalog.read(new String(written, StandardCharsets.UTF_8)
                .replace(listed, "\"com.example.Gone\"").getBytes(StandardCharsets.UTF_8), "built");
        String present = ToolCatalogTests.class.getName();
        ToolCatalog appeared = ToolCatalog.read(new String(written, StandardCharsets.UTF_8).replaceFirst(
                "\"source\" : \\{", "\"source\" : { \"absent\" : [ \"" + present + "\" ],")
                .getBytes(StandardCharsets.UTF_8), "built");
        assertThat(appeared.schema(Orders.class, place).whyNot()).as("a class that was absent, now there")
                .startsWith(present + " had no class file when built was written and has one now");
        assertThat(gone.schema(Orders.class, place).whyNot()).as("a class that is gone")
                .contains("the class file of com.example.Gone, which its schema in built was computed from, "
                        + "cannot be read");
    }

    /**
     * A catalog read through one class loader does not vouch for the classes of another that have
     * the same names; nor does one loaded from a class path (second read of the by-name check).
     */
    @Test
    void checksTheClassFilesOfTheLoaderTheRunningClassComesFrom(@TempDir Path dir) throws Exception {
        Class<?> first = compile(dir.resolve("a"), Map.of("fx.Tools", TAG_TOOLS.formatted("String label")))
                .loadClass("fx.Tools");
        Class<?> second = compile(dir.resolve("b"), Map.of("fx.Tools", TAG_TOOLS.formatted("int label")))
                .loadClass("fx.Tools");
        Method tag = ToolDefinitions.findToolMethods(first).get(0);
        byte[] written = ToolCatalog.render(List.of(ToolDefinitions.of(first, tag)), null);

        ToolCatalog catalog = ToolCatalog.read(written, "built");
        assertThat(catalog.schema(first, tag).whyNot()).isNull();
        assertThat(catalog.schema(second, counterpart(second, tag)).whyNot()).contains("changed since built");

        Path resource = dir.resolve("a/classes").resolve(ToolCatalog.RESOURCE);
        Files.createDirectories(resource.getParent());
        Files.write(resource, written);
        try (URLClassLoader classPath = new URLClassLoader(new URL[] {dir.resolve("a/classes").toUri().toURL()},
                ToolCatalogTests.class.getClassLoader())) {
            ToolCatalog loaded = ToolCatalog.load(classPath);
            assertThat(loaded.schema(second, counterpart(second, tag)).whyNot()).contains("changed since");
            assertThat(loaded.schema(first, tag).schema()).isEqualTo(ToolDefinitions.of(first, tag).inputSchema());
        }
    }

    /**
     * The JVM drops an annotation whose type it cannot load: a catalog written on a class path that
     * lacks one does not hold for a class path that has it (second read: a bundle in a
     * {@code provided} jar).
     */
    @Test
    void refusesASchemaWrittenWhileAClassItsClassesNameWasMissing(@TempDir Path dir) throws Exception {
        String phone = """
                package fx;
                @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
                @com.fasterxml.jackson.annotation.JacksonAnnotationsInside
                @com.fasterxml.jackson.annotation.JsonProperty("mobile")
                public @interface Phone {}
                """;
        Map<String, String> sources = Map.of("fx.Phone", phone,
                "fx.Contact", "package fx; public record Contact(@Phone String phone) {}",
                "fx.Tools", "package fx; public class Tools { @ai.fonella.tool.FonellaTool(description = \"Call\") "
                        + "public String call(Contact contact) { return \"ok\"; } }");
        Class<?> built = toolsWithout(dir, sources, "fx.Phone");
        Class<?> running = toolsWithout(dir, sources, null);
        Method call = ToolDefinitions.findToolMethods(built).get(0);
        assertThat(ToolDefinitions.of(built, call).inputSchema().toString()).as("the build's").contains("\"phone\"");
        assertThat(ToolDefinitions.of(running, counterpart(running, call)).inputSchema().toString())
                .as("the running app's").contains("\"mobile\"");

        byte[] written = ToolCatalog.render(List.of(ToolDefinitions.of(built, call)), null);
        assertThat(new String(written, StandardCharsets.UTF_8)).contains("\"absent\" : [ \"fx.Phone\" ]");
        ToolCatalog catalog = ToolCatalog.read(written, "built");
        assertThat(catalog.schema(built, call).whyNot()).as("still absent").isNull();
        assertThat(catalog.schema(running, counterpart(running, call)).whyNot()).isEqualTo("fx.Phone had no class "
                + "file when built was written and has one now, which can change the schema; rebuild the app on "
                + "the class path it runs with");
    }

    /** The same with JSR-305's {@code @Nullable}: a {@code javax.} class that is not the JDK's (third read). */
    @Test
    void refusesASchemaWrittenWhileANonJdkJavaxAnnotationWasMissing(@TempDir Path dir) throws Exception {
        Map<String, String> sources = Map.of("javax.annotation.Nullable", """
                package javax.annotation;
                @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
                public @interface Nullable {}
                """, "fx.Note", "package fx; public record Note(String text, @javax.annotation.Nullable String tag) {}",
                "fx.Tools", "package fx; public class Tools { @ai.fonella.tool.FonellaTool(description = \"Note\") "
                        + "public String note(Note note) { return \"ok\"; } }");
        Class<?> built = toolsWithout(dir, sources, "javax.annotation.Nullable");
        Class<?> running = toolsWithout(dir, sources, null);
        Method note = ToolDefinitions.findToolMethods(built).get(0);
        assertThat(ToolDefinitions.of(built, note).inputSchema()).as("the build's: tag required")
                .isNotEqualTo(ToolDefinitions.of(running, counterpart(running, note)).inputSchema());

        ToolCatalog catalog = ToolCatalog.read(ToolCatalog.render(List.of(ToolDefinitions.of(built, note)), null),
                "built");
        assertThat(catalog.schema(running, counterpart(running, note)).whyNot())
                .startsWith("javax.annotation.Nullable had no class file when built was written");
    }

    /** {@code fx.Tools} compiled from the sources, with one class's class file deleted, or none. */
    private static Class<?> toolsWithout(Path dir, Map<String, String> sources, String missing) throws Exception {
        Path compiled = dir.resolve(missing == null ? "full" : "without-" + missing);
        ClassLoader loader = compile(compiled, sources);
        if (missing != null) {
            Files.delete(compiled.resolve("classes").resolve(missing.replace('.', '/') + ".class"));
        }
        return loader.loadClass("fx.Tools");
    }

    /** Classes whose class files cannot be read are never vouched for (second read). */
    @Test
    void neverTakesASchemaWhoseClassFilesCannotBeRead(@TempDir Path dir) throws Exception {
        ClassLoader compiled = compile(dir, Map.of("fx.Tools", TAG_TOOLS.formatted("String label")));
        byte[] classFile = Files.readAllBytes(dir.resolve("classes/fx/Tools.class"));
        ClassLoader noResources = new ClassLoader(ToolCatalogTests.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                if (!name.equals("fx.Tools")) {
                    throw new ClassNotFoundException(name);
                }
                return defineClass(name, classFile, 0, classFile.length);
            }
        };
        Class<?> tools = noResources.loadClass("fx.Tools");
        Method tag = ToolDefinitions.findToolMethods(tools).get(0);
        assertThat(compiled.getResource("fx/Tools.class")).isNotNull();

        assertThat(ToolCatalog.fingerprint(tools, tag)).isEmpty();
        ToolCatalog catalog = ToolCatalog.read(ToolCatalog.render(List.of(ToolDefinitions.of(tools, tag)), null), "built");
        assertThat(catalog.schema(tools, tag).schema()).isNull();
        assertThat(catalog.schema(tools, tag).whyNot()).isEqualTo("built holds no fingerprint for it: a class file "
                + "it is computed from could not be read or parsed when it was written");
    }

    @Test
    void saysWhenACatalogWasWrittenByAnEarlierVersionAndRefusesOneWithBrokenLists() throws Exception {
        Method place = Orders.class.getMethod("place", String.class, List.class);
        String written = new String(ToolCatalog.render(List.of(ToolDefinitions.of(Orders.class, place)), null),
                StandardCharsets.UTF_8);
        String earlier = written.replaceAll(",\\s*\"classes\" : \\[[^]]*]", "")
                .replaceAll(",\\s*\"generator\" : \\{[^}]*}", "");
        assertThat(earlier).doesNotContain("\"classes\"");

        assertThat(ToolCatalog.read(earlier.getBytes(StandardCharsets.UTF_8), "built").schema(Orders.class, place)
                .whyNot()).isEqualTo("built was written by an earlier version of Fonella; rebuild the app to write it "
                        + "again");
        for (String broken : List.of("{}", "[]", "\"\"", "null", "3")) {
            String document = written.replaceFirst("\"classes\" : \\[", "\"classes\" : [ " + broken + ", ");
            assertThatThrownBy(() -> ToolCatalog.read(document.getBytes(StandardCharsets.UTF_8), "META-INF/x.json"))
                    .as(broken).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("META-INF/x.json is not a Fonella tool catalog (a list of classes holds")
                    .hasMessageEndingWith("delete it, or rebuild the app so that it is written again.");
        }
    }

    @Test
    void theGeneratorIsEveryClassOfFonellaCoreTheSchemaGenerationReaches() {
        assertThat(ToolCatalog.generator()).contains(ToolSchemaGenerator.class, VictoolsGenerator.class,
                JakartaSupport.class, ToolParameters.class, ToolJson.class, ai.fonella.internal.Types.class)
                .doesNotContain(ToolCatalog.class, ToolInvoker.class);
        assertThat(ToolCatalog.generator()).allMatch(type -> type.getName().startsWith("ai.fonella."));
    }

    @Test
    void listsTheClassesItsFingerprintCoversAndReadsThemWhenLoaded() throws Exception {
        Method place = Orders.class.getMethod("place", String.class, List.class);
        JsonNode source = FonellaJson.mapper().readTree(ToolCatalog.render(List.of(ToolDefinitions.of(Orders.class,
                place)), null)).path("tools").path(0).path("source");

        assertThat(source.path("classes").valueStream().map(JsonNode::asString).toList())
                .containsExactly(FonellaTool.class.getName(), Orders.class.getName(), Orders.Line.class.getName())
                .doesNotContain(ToolSchemaGenerator.class.getName()); // fonella-core's own are always covered
        assertThat(ToolCatalog.classesRead(Orders.class, place)).contains(Orders.Line.class, Orders.class,
                ToolSchemaGenerator.class);
    }

    @Test
    void fingerprintsEverythingTheSchemaIsComputedFromAndNothingElse() throws Exception {
        Method place = Orders.class.getMethod("place", String.class, List.class);
        String fingerprint = ToolCatalog.fingerprint(Orders.class, place);

        assertThat(fingerprint).matches("[0-9a-f]{64}").isEqualTo(ToolCatalog.fingerprint(Orders.class, place));
        assertThat(fingerprint).isNotEqualTo(ToolCatalog.fingerprint(OtherOrders.class,
                OtherOrders.class.getMethod("place", String.class)));
    }

    @Test
    void refusesADocumentThatIsNotACatalogWithTheRemedy() {
        assertThatThrownBy(() -> ToolCatalog.read("{oops".getBytes(StandardCharsets.UTF_8), "META-INF/x.json"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("META-INF/x.json")
                .hasMessageContaining("rebuild the app");
        for (String broken : List.of("{\"tools\": [1, 2]] trailing", "{\"tools\": []} {\"tools\": []}",
                "{\"tools\": []}}", "{\"tools\": []} x")) {
            assertThatThrownBy(() -> ToolCatalog.read(broken.getBytes(StandardCharsets.UTF_8), "META-INF/x.json"))
                    .as(broken).isInstanceOf(IllegalStateException.class).hasMessageContaining("not JSON");
        }
        assertThat(ToolCatalog.read(new byte[0], "META-INF/x.json").isEmpty()).isTrue();
        assertThat(ToolCatalog.load(getClass().getClassLoader()).isEmpty()).isTrue();
    }
}
