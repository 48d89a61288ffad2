package ai.fonella.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.fonella.tool.FonellaTool;
import ai.fonella.tool.ToolCatalog;
import ai.fonella.tool.ToolDefinition;
import ai.fonella.tool.ToolDefinitions;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectToolScannerTests {

    @TempDir
    static Path work;

    static Path classes;

    private final RecordingLog log = new RecordingLog();

    @BeforeAll
    static void compileTheProject() {
        Map<String, String> sources = new LinkedHashMap<>();
        sources.put("com.example.orders.OrderTools", """
                package com.example.orders;

                import ai.fonella.tool.FonellaTool;
                import ai.fonella.tool.ToolParam;
                import com.fasterxml.jackson.annotation.JsonProperty;
                import jakarta.validation.constraints.Size;

                public class OrderTools {
                    static {
                        if (Boolean.parseBoolean("true")) {
                            throw new IllegalStateException("a scan must not run static initializers");
                        }
                    }

                    @FonellaTool(description = "Looks up an order by its number.")
                    public String lookupOrder(@ToolParam(description = "The order number") @Size(max = 12)
                            String orderNumber) {
                        return orderNumber;
                    }

                    @FonellaTool(description = "Cancels an order.")
                    public String cancelOrder(@JsonProperty("order_number") String number, boolean refund) {
                        return number;
                    }

                    public String notATool(String x) {
                        return x;
                    }
                }
                """);
        sources.put("com.example.orders.BookingApi", """
                package com.example.orders;

                import ai.fonella.tool.FonellaTool;

                public interface BookingApi {
                    @FonellaTool(description = "Books a callback.")
                    String bookCallback(String phone);
                }
                """);
        sources.put("com.example.orders.BookingService", """
                package com.example.orders;

                public class BookingService implements BookingApi {
                    @Override
                    public String bookCallback(String phone) {
                        return phone;
                    }

                    static class Helper {
                        Runnable anonymous = new Runnable() {
                            @Override
                            public void run() {
                            }
                        };
                    }
                }
                """);
        sources.put("com.example.orders.AbstractTools", """
                package com.example.orders;

                import ai.fonella.tool.FonellaTool;

                public abstract class AbstractTools {
                    @FonellaTool(description = "Served by subclasses only.")
                    public String inherited() {
                        return "";
                    }
                }
                """);
        sources.put("com.example.other.OtherTools", """
                package com.example.other;

                import ai.fonella.tool.FonellaTool;

                public class OtherTools {
                    @FonellaTool(description = "Another tool.")
                    public String otherTool() {
                        return "";
                    }
                }
                """);
        classes = FixtureCompiler.compile(work.resolve("classes"), true, List.of(), sources);
    }

    private List<ToolDefinition> scan(Path directory, List<String> packages) throws Exception {
        // The project's runtime class path holds its own fonella-core, as a real project's does.
        return new ProjectToolScanner(log).scan(directory, FixtureCompiler.projectLibraries(), packages);
    }

    @Test
    void findsTheToolsOfConcreteClassesIncludingThoseDeclaredOnInterfaces() throws Exception {
        List<ToolDefinition> tools = scan(classes, List.of());
        assertThat(tools).extracting(ToolDefinition::name)
                .containsExactly("bookCallback", "cancelOrder", "lookupOrder", "otherTool");
        assertThat(tools.get(0).javaMethod().getDeclaringClass().getName())
                .isEqualTo("com.example.orders.BookingService");
        assertThat(log.at("DEBUG")).anyMatch(line -> line.contains("Found 2 tool(s) in com.example.orders.OrderTools"));
    }

    @Test
    void loadsProjectClassesInTheirOwnLoaderAndFonellaCoreFromThePlugin() throws Exception {
        ToolDefinition lookup = scan(classes, List.of()).stream().filter(t -> t.name().equals("lookupOrder"))
                .findFirst().orElseThrow();
        Class<?> projectClass = lookup.javaMethod().getDeclaringClass();
        assertThat(projectClass.getClassLoader()).isInstanceOf(ProjectClassLoader.class);
        assertThat(lookup.javaMethod().getAnnotation(FonellaTool.class)).isNotNull();
        assertThat(projectClass.getClassLoader().loadClass(FonellaTool.class.getName())).isSameAs(FonellaTool.class);
        assertThatThrownBy(() -> projectClass.getClassLoader().loadClass("org.apache.maven.plugin.Mojo"))
                .as("the plugin's other classes (Maven's here) stay invisible to the project")
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void readsJacksonAndJakartaValidationAnnotationsOfTheProject() throws Exception {
        List<ToolDefinition> tools = scan(classes, List.of());
        ToolDefinition cancel = tools.get(1);
        assertThat(cancel.inputSchema().get("properties").propertyNames()).containsExactly("order_number", "refund");
        ToolDefinition lookup = tools.get(2);
        assertThat(lookup.inputSchema().at("/properties/orderNumber/maxLength").asInt()).isEqualTo(12);
        assertThat(lookup.inputSchema().at("/properties/orderNumber/description").asString())
                .isEqualTo("The order number");
    }

    @Test
    void restrictsTheScanToPackagesAndTheirSubpackages() throws Exception {
        assertThat(scan(classes, List.of("com.example.other"))).extracting(ToolDefinition::name)
                .containsExactly("otherTool");
        assertThat(scan(classes, List.of("com.example.other.*", " "))).extracting(ToolDefinition::name)
                .containsExactly("otherTool");
        assertThat(scan(classes, List.of("com.example"))).hasSize(4);
    }

    @Test
    void failsOnAPackageWithoutClassesWhichAPruningSyncWouldTakeForNoTools() {
        assertThatThrownBy(() -> scan(classes, List.of("com.example.orders", "com.example.typo")))
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("No compiled class in package com.example.typo under ")
                .hasMessageContaining("Check the <packages> configuration of the fonella plugin (fonella.packages)")
                .hasMessageContaining("Fix or remove it");
        assertThatThrownBy(() -> scan(classes, List.of("com.exam", "com.exmaple")))
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("No compiled class in packages com.exam, com.exmaple under ");
    }

    @Test
    void rejectsAMalformedPackageName() {
        assertThatThrownBy(() -> scan(classes, List.of("com/example")))
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("The <packages> entry 'com/example' is not a Java package name");
    }

    @Test
    void missingClassesSayToRunAfterCompile() {
        assertThatThrownBy(() -> scan(work.resolve("never-compiled/classes"), List.of()))
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("The project's classes are not compiled")
                .hasMessageContaining("never-compiled")
                .hasMessageContaining("mvn compile fonella:plan")
                .hasMessageContaining("bind the goal to a phase after compile");
    }

    @Test
    void classesCompiledWithoutParameterNamesFailWithTheCompilerSnippet() {
        Path dir = FixtureCompiler.compile(work.resolve("no-parameters"), false, List.of(), Map.of(
                "com.example.NoNames", """
                        package com.example;

                        public class NoNames {
                            @ai.fonella.tool.FonellaTool(description = "Needs a name.")
                            public String lookup(String orderNumber) {
                                return orderNumber;
                            }
                        }
                        """));
        assertThatThrownBy(() -> scan(dir, List.of()))
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("Compile with -parameters")
                .hasMessageContaining("<parameters>true</parameters>")
                .hasMessageContaining("<artifactId>maven-compiler-plugin</artifactId>")
                .hasMessageContaining("mvn clean compile");
    }

    @Test
    void anInvalidToolNameFailsWithTheCoreMessage() {
        Path dir = FixtureCompiler.compile(work.resolve("bad-name"), true, List.of(), Map.of(
                "com.example.BadName", """
                        package com.example;

                        public class BadName {
                            @ai.fonella.tool.FonellaTool(name = "Lookup Order", description = "Bad name.")
                            public String lookup() {
                                return "";
                            }
                        }
                        """));
        assertThatThrownBy(() -> scan(dir, List.of()))
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("com.example.BadName")
                .hasMessageContaining("'Lookup Order'")
                .hasMessageContaining("camelCase")
                .hasMessageContaining("@FonellaTool(name = \"lookupOrder\")");
    }

    @Test
    void moreThanTwentyToolsFailWithTheLimitAndTheHintAboutPackages() {
        StringBuilder source = new StringBuilder("package com.example;\n\npublic class ManyTools {\n");
        for (int i = 1; i <= 21; i++) {
            source.append("    @ai.fonella.tool.FonellaTool(description = \"Tool ").append(i).append(".\")\n")
                    .append("    public String tool").append(i).append("() { return \"\"; }\n");
        }
        source.append("}\n");
        Path dir = FixtureCompiler.compile(work.resolve("many"), true, List.of(),
                Map.of("com.example.ManyTools", source.toString()));
        assertThatThrownBy(() -> scan(dir, List.of()))
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("Found 21 tools, but Fonella accepts at most 20 per account")
                .hasMessageContaining("set <packages>");
    }

    @Test
    void twoClassesServingOneToolNameFail() {
        Path dir = FixtureCompiler.compile(work.resolve("duplicates"), true, List.of(), Map.of(
                "com.example.First", """
                        package com.example;

                        public class First {
                            @ai.fonella.tool.FonellaTool(description = "One.")
                            public String lookup() { return ""; }
                        }
                        """,
                "com.example.Second", """
                        package com.example;

                        public class Second {
                            @ai.fonella.tool.FonellaTool(name = "lookup", description = "Two.")
                            public String find() { return ""; }
                        }
                        """));
        assertThatThrownBy(() -> scan(dir, List.of()))
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("Two tools are named 'lookup'")
                .hasMessageContaining("set <packages>");
    }

    @Test
    void whatExportWritesIsUsedByTheRunningApp() throws Exception {
        List<ToolDefinition> tools = scan(classes, List.of()); // the scan's class loader is closed now
        ToolCatalog exported = ToolCatalog.read(ToolExporter.render(tools, null), "export");

        try (URLClassLoader running = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                getClass().getClassLoader())) {
            for (ToolDefinition tool : tools) {
                Class<?> type = running.loadClass(tool.targetClass().getName());
                Method method = ToolDefinitions.findToolMethods(type).stream()
                        .filter(m -> m.getName().equals(tool.javaMethod().getName())).findFirst().orElseThrow();
                ToolCatalog.Lookup lookup = exported.schema(type, method);
                assertThat(lookup.whyNot()).as(tool.name()).isNull();
                assertThat(lookup.schema()).isEqualTo(tool.inputSchema());
            }
        }
    }

    @Test
    void theSubclassSpringAotGeneratesForAConfigurationClassIsNotASecondToolClass() throws Exception {
        // process-aot writes such a class into target/classes for every @Configuration class
        Path dir = FixtureCompiler.compile(work.resolve("cglib"), true, List.of(), Map.of(
                "com.example.HoursConfig", """
                        package com.example;

                        public class HoursConfig {
                            @ai.fonella.tool.FonellaTool(description = "Opening hours.")
                            public String openingHours(java.time.DayOfWeek day) { return ""; }
                        }
                        """,
                "com.example.HoursConfig$$SpringCGLIB$$0", """
                        package com.example;

                        public class HoursConfig$$SpringCGLIB$$0 extends HoursConfig {
                        }
                        """));

        List<ToolDefinition> definitions = scan(dir, List.of());

        assertThat(definitions).singleElement().satisfies(definition -> {
            assertThat(definition.name()).isEqualTo("openingHours");
            assertThat(definition.targetClass().getName()).isEqualTo("com.example.HoursConfig");
        });
    }

    @Test
    void aClassThatCannotBeLoadedIsSkippedUnlessItHasTools() throws Exception {
        Path library = FixtureCompiler.compile(work.resolve("provided-lib"), true, List.of(), Map.of(
                "com.provided.Servlet", "package com.provided;\n\npublic class Servlet {}\n"));
        Map<String, String> sources = new LinkedHashMap<>();
        sources.put("com.example.web.Filter", """
                package com.example.web;

                public class Filter {
                    public void filter(com.provided.Servlet servlet) {
                    }
                }
                """);
        sources.put("com.example.tools.Tools", """
                package com.example.tools;

                public class Tools {
                    @ai.fonella.tool.FonellaTool(description = "Fine.")
                    public String fine() { return ""; }
                }
                """);
        Path dir = FixtureCompiler.compile(work.resolve("needs-provided"), true, List.of(library), sources);
        // Scanned without the provided library, as the runtime class path has it.
        assertThat(scan(dir, List.of())).extracting(ToolDefinition::name).containsExactly("fine");
        assertThat(log.at("DEBUG")).anyMatch(line -> line.startsWith("Skipping com.example.web.Filter"));

        Path toolDir = FixtureCompiler.compile(work.resolve("tool-needs-provided"), true, List.of(library), Map.of(
                "com.example.web.WebTools", """
                        package com.example.web;

                        public class WebTools {
                            @ai.fonella.tool.FonellaTool(description = "Needs the servlet API.")
                            public String current() { return ""; }

                            public void filter(com.provided.Servlet servlet) {
                            }
                        }
                        """));
        assertThatThrownBy(() -> scan(toolDir, List.of()))
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("Cannot load com.example.web.WebTools to read its @FonellaTool methods")
                .hasMessageContaining("com/provided/Servlet")
                .hasMessageContaining("provided or optional dependency");
    }

    @Test
    void anEmptyClassDirectoryHasNoTools() throws Exception {
        Path empty = Files.createDirectories(work.resolve("empty/classes"));
        assertThat(scan(empty, List.of())).isEmpty();
    }
}
