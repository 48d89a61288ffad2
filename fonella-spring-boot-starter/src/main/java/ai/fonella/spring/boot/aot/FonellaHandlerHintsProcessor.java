package ai.fonella.spring.boot.aot;

import ai.fonella.event.EventHandlerDefinition;
import ai.fonella.event.EventHandlers;
import ai.fonella.spring.boot.registry.FonellaHandlerRegistry;
import ai.fonella.tool.ToolCatalog;
import ai.fonella.tool.ToolDefinition;
import ai.fonella.tool.ToolDefinitions;
import java.lang.reflect.Method;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.util.ClassUtils;

/**
 * At build time ({@code process-aot}), finds the app's {@code @FonellaTool} and
 * {@code @OnFonellaEvent} methods on its beans, with the same core code that finds them at runtime
 * ({@link ToolDefinitions#findToolMethods}, {@link EventHandlers#definitions}), and registers what the
 * starter reaches reflectively for them: each method, to invoke it, and its parameter and return
 * types with everything Jackson binds in them (record components, enum constants, element types of
 * collections, nested types), to bind arguments and to describe them in schemas. It also computes
 * the tools' definitions, with core's one definition code, and writes them into the build output as
 * {@value ToolCatalog#RESOURCE} ({@link ToolCatalog}, the format {@code fonella:export} writes), so
 * that the app uses them instead of generating schemas when it starts. Registered through
 * {@code META-INF/spring/aot.factories}.
 */
public final class FonellaHandlerHintsProcessor implements BeanFactoryInitializationAotProcessor {

    @Override
    public BeanFactoryInitializationAotContribution processAheadOfTime(ConfigurableListableBeanFactory beanFactory) {
        Set<Method> methods = new LinkedHashSet<>();
        Map<String, ToolDefinition> tools = new TreeMap<>();
        for (String name : beanFactory.getBeanDefinitionNames()) {
            Class<?> type = beanFactory.getType(name, false);
            if (type == null) {
                continue;
            }
            Class<?> userClass = ClassUtils.getUserClass(type);
            if (!FonellaHandlerRegistry.mayDeclareHandlers(userClass)) {
                continue;
            }
            for (Method method : ToolDefinitions.findToolMethods(userClass)) {
                methods.add(method);
                ToolDefinition definition = ToolDefinitions.of(userClass, method);
                tools.put(definition.name(), definition);
            }
            EventHandlers.definitions(userClass).stream().map(EventHandlerDefinition::method).forEach(methods::add);
        }
        if (methods.isEmpty()) {
            return null;
        }
        byte[] catalog = ToolCatalog.render(List.copyOf(tools.values()), null);
        return (generationContext, code) -> {
            register(generationContext.getRuntimeHints(), methods);
            if (!tools.isEmpty()) {
                generationContext.getGeneratedFiles().addResourceFile(ToolCatalog.RESOURCE,
                        new ByteArrayResource(catalog));
                generationContext.getRuntimeHints().resources().registerPattern(ToolCatalog.RESOURCE);
                // the class files the fingerprints read, which a native image holds only when asked; by
                // name, since registerType refuses a class without a canonical name (an enum constant's body)
                tools.values().forEach(tool -> ToolCatalog.classesRead(tool.targetClass(), tool.javaMethod())
                        .forEach(type -> generationContext.getRuntimeHints().resources()
                                .registerPattern(type.getName().replace('.', '/') + ".class")));
            }
        };
    }

    private static void register(RuntimeHints hints, Set<Method> methods) {
        BindingReflectionHintsRegistrar binding = new BindingReflectionHintsRegistrar();
        for (Method method : methods) {
            hints.reflection().registerMethod(method, ExecutableMode.INVOKE);
            binding.registerReflectionHints(hints.reflection(), method.getGenericParameterTypes());
            binding.registerReflectionHints(hints.reflection(), method.getGenericReturnType());
        }
    }
}
