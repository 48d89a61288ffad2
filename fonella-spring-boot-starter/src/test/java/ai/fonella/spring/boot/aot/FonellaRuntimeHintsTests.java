package ai.fonella.spring.boot.aot;

import static org.assertj.core.api.Assertions.assertThat;

import ai.fonella.event.CallEndedEvent;
import ai.fonella.event.CallSummaryEvent;
import ai.fonella.event.OnFonellaEvent;
import ai.fonella.model.Call;
import ai.fonella.model.CreateToolRequest;
import ai.fonella.model.Tool;
import ai.fonella.tool.FonellaTool;
import ai.fonella.tool.ToolCatalog;
import ai.fonella.tool.ToolDefinitions;
import ai.fonella.tool.ToolSchemaGenerator;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.GeneratedFiles;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.javapoet.ClassName;

/**
 * The hints an app gets when it is processed ahead of time, through the real AOT engine: Spring's
 * {@link ApplicationContextAotGenerator} loading the starter's {@code aot.factories}.
 */
class FonellaRuntimeHintsTests {

    @Test
    void registersTheApiModelsAndEveryEventRecordForEveryApp() {
        RuntimeHints hints = process(new GenericApplicationContext());

        for (Class<?> type : List.of(Tool.class, Call.class, CreateToolRequest.class, CallEndedEvent.class,
                CallSummaryEvent.class)) {
            assertThat(RuntimeHintsPredicates.reflection().onType(type)).as(type.getName()).accepts(hints);
        }
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Call.class, "id")).accepts(hints);
        assertThat(RuntimeHintsPredicates.resource().forResource("ai/fonella/spring/boot/dedup/schema-postgresql.sql"))
                .accepts(hints);
    }

    @Test
    void registersToolAndHandlerMethodsWithEverythingTheirArgumentsBind() {
        GenericApplicationContext context = new GenericApplicationContext();
        context.registerBean(OrderTools.class);
        context.registerBean(SummaryHandlers.class);

        RuntimeHints hints = process(context);

        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(OrderTools.class, "placeOrder"))
                .accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(SummaryHandlers.class, "onSummary"))
                .accepts(hints);
        // recursively: the record, its nested record in a list, an enum as map values, an optional's content
        for (Class<?> type : List.of(Order.class, Line.class, Channel.class, Note.class, Receipt.class)) {
            assertThat(RuntimeHintsPredicates.reflection().onType(type)).as(type.getSimpleName()).accepts(hints);
        }
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Line.class, "quantity")).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(NotATool.class, "helper")).rejects(hints);
    }

    @Test
    void writesTheToolCatalogThatTheRunningAppUsesInsteadOfGeneratingSchemas() throws Exception {
        GenericApplicationContext context = new GenericApplicationContext();
        context.registerBean(OrderTools.class);
        InMemoryGeneratedFiles files = new InMemoryGeneratedFiles();

        RuntimeHints hints = process(context, files);

        byte[] catalog = files.getGeneratedFile(GeneratedFiles.Kind.RESOURCE, ToolCatalog.RESOURCE)
                .getInputStream().readAllBytes();
        Method placeOrder = OrderTools.class.getMethod("placeOrder", Order.class);
        // the same bytes fonella:export writes, from the same definition code
        assertThat(catalog).isEqualTo(ToolCatalog.render(List.of(ToolDefinitions.of(OrderTools.class, placeOrder)),
                null));
        ToolCatalog.Lookup lookup = ToolCatalog.read(catalog, "test").schema(OrderTools.class, placeOrder);
        assertThat(lookup.schema()).isEqualTo(ToolDefinitions.of(OrderTools.class, placeOrder).inputSchema());
        assertThat(RuntimeHintsPredicates.resource().forResource(ToolCatalog.RESOURCE)).accepts(hints);
        // and the class files its fingerprint reads, so that a native image can check it
        for (Class<?> type : List.of(OrderTools.class, Order.class, Line.class, ToolSchemaGenerator.class)) {
            assertThat(RuntimeHintsPredicates.resource().forResource(type.getName().replace('.', '/') + ".class"))
                    .as(type.getSimpleName()).accepts(hints);
        }
        assertThat(ToolCatalog.classesRead(OrderTools.class, placeOrder)).as("every one, anonymous ones too")
                .anyMatch(type -> type.getCanonicalName() == null)
                .allSatisfy(type -> assertThat(RuntimeHintsPredicates.resource()
                        .forResource(type.getName().replace('.', '/') + ".class")).accepts(hints));
        assertThat(ToolCatalog.classesRead(OrderTools.class, placeOrder)).contains(OrderTools.class, Order.class,
                Line.class);
    }

    private static RuntimeHints process(GenericApplicationContext context) {
        return process(context, new InMemoryGeneratedFiles());
    }

    private static RuntimeHints process(GenericApplicationContext context, InMemoryGeneratedFiles files) {
        DefaultGenerationContext generation = new DefaultGenerationContext(
                new ClassNameGenerator(ClassName.get("com.example", "HintsApp")), files);
        new ApplicationContextAotGenerator().processAheadOfTime(context, generation);
        generation.writeGeneratedContent();
        return generation.getRuntimeHints();
    }

    enum Channel { PHONE, WEB }

    record Line(String sku, int quantity) {
    }

    record Note(String text) {
    }

    record Order(String customer, List<Line> lines, Map<String, Channel> channels, Optional<Note> note) {
    }

    record Receipt(String number) {
    }

    static class OrderTools {
        @FonellaTool(description = "Place an order")
        public Receipt placeOrder(Order order) {
            return new Receipt("R-1");
        }
    }

    static class SummaryHandlers {
        @OnFonellaEvent
        public void onSummary(CallSummaryEvent event) {
        }
    }

    static class NotATool {
        public String helper(String text) {
            return text;
        }
    }
}
