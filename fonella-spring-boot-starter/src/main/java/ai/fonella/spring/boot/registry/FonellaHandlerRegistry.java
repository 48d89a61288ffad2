package ai.fonella.spring.boot.registry;

import ai.fonella.FonellaException;
import ai.fonella.event.EventDeduplicationStore;
import ai.fonella.event.EventDispatcher;
import ai.fonella.event.EventHandler;
import ai.fonella.event.EventHandlerDefinition;
import ai.fonella.event.EventHandlerInvoker;
import ai.fonella.event.EventHandlers;
import ai.fonella.event.OnFonellaEvent;
import ai.fonella.model.EventType;
import ai.fonella.tool.FonellaTool;
import ai.fonella.tool.InvocableTool;
import ai.fonella.tool.ToolCatalog;
import ai.fonella.tool.ToolDefinition;
import ai.fonella.tool.ToolDefinitions;
import ai.fonella.tool.ToolInvoker;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.framework.autoproxy.AutoProxyUtils;
import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Finds {@code @FonellaTool} and {@code @OnFonellaEvent} methods on the application's beans once all
 * singletons exist, so beans from {@code @Bean} methods, proxied beans ({@code @Transactional},
 * {@code @Validated}) and annotations declared on interfaces all work. Spring contributes what only
 * it knows: the bean's user class behind any proxy ({@link AutoProxyUtils}) and the method to call
 * on the proxy ({@link AopUtils#selectInvocableMethod}). Which methods are tools and handlers, and
 * their definitions, is decided by fonella-core ({@link ToolDefinitions#findToolMethods},
 * {@link EventHandlers#definitions}), the same code the Maven plugin uses. Invocation goes through
 * the bean, and so through its proxy.
 */
public class FonellaHandlerRegistry implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(FonellaHandlerRegistry.class);

    private final ConfigurableListableBeanFactory beanFactory;
    /**
     * The tool catalog of the build, parsed, and the class files its fingerprints cover digested, while the
     * rest of the app starts (resources only: none of the app's classes is loaded there); taken by the
     * discovery.
     */
    private final CompletableFuture<ToolCatalog> catalog;
    private final ToolInvoker toolInvoker;
    private final EventDeduplicationStore deduplicationStore;
    private final Duration claimLease;

    private volatile Map<String, FonellaToolRegistration> tools = Map.of();
    private volatile List<EventHandler> eventHandlers = List.of();
    private volatile Map<String, String> eventHandlerSources = Map.of();
    private volatile EventDispatcher dispatcher;
    private volatile boolean initialized;

    /**
     * @param beanFactory the application's bean factory
     * @param toolInvoker prepares and invokes tools
     * @param deduplicationStore remembers handled events
     */
    public FonellaHandlerRegistry(ConfigurableListableBeanFactory beanFactory, ToolInvoker toolInvoker,
            EventDeduplicationStore deduplicationStore) {
        this(beanFactory, toolInvoker, deduplicationStore, EventDispatcher.DEFAULT_CLAIM_LEASE);
    }

    /**
     * @param beanFactory the application's bean factory
     * @param toolInvoker prepares and invokes tools
     * @param deduplicationStore remembers handled events
     * @param claimLease how long a claim holds when its delivery neither completes nor releases it
     */
    public FonellaHandlerRegistry(ConfigurableListableBeanFactory beanFactory, ToolInvoker toolInvoker,
            EventDeduplicationStore deduplicationStore, Duration claimLease) {
        this.beanFactory = beanFactory;
        this.toolInvoker = toolInvoker;
        this.deduplicationStore = deduplicationStore;
        this.claimLease = claimLease;
        ClassLoader classLoader = beanFactory.getBeanClassLoader();
        this.catalog = CompletableFuture.supplyAsync(() -> ToolCatalog.load(classLoader), task -> {
            Thread thread = new Thread(task, "fonella-tool-catalog"); // any throwable completes the future
            thread.setDaemon(true);
            thread.start();
        });
    }

    @Override
    public void afterSingletonsInstantiated() {
        Map<String, FonellaToolRegistration> foundTools = new LinkedHashMap<>();
        List<EventHandler> foundHandlers = new ArrayList<>();
        Map<String, String> handlerSources = new LinkedHashMap<>();
        Set<String> handlerIds = new HashSet<>();
        for (String beanName : beanFactory.getBeanNamesForType(Object.class, false, true)) {
            if (ScopedProxyUtils.isScopedTarget(beanName)) {
                continue;
            }
            Class<?> type = targetClass(beanName);
            if (type == null || !mayDeclareHandlers(type)) {
                continue;
            }
            if (AnnotationUtils.isCandidateClass(type, FonellaTool.class)) {
                discoverTools(beanName, type, foundTools);
            }
            if (AnnotationUtils.isCandidateClass(type, OnFonellaEvent.class)) {
                discoverEventHandlers(beanName, type, foundHandlers, handlerIds, handlerSources);
            }
        }
        try {
            ToolDefinitions.requireValidSet(foundTools.values().stream().map(FonellaToolRegistration::definition)
                    .toList());
        } catch (FonellaException e) {
            throw new FonellaStartupException("The @FonellaTool methods of this application do not form a valid set: "
                    + e.getMessage(), "Fix the tool names or remove tools, then restart.", e);
        }
        this.tools = Collections.unmodifiableMap(foundTools);
        this.eventHandlers = List.copyOf(foundHandlers);
        this.eventHandlerSources = Collections.unmodifiableMap(handlerSources);
        this.dispatcher = EventDispatcher.builder()
                .handlers(foundHandlers)
                .deduplicationStore(deduplicationStore)
                .claimLease(claimLease)
                .build();
        this.initialized = true;
        log.info("Fonella: {} tool(s) {} and {} event handler(s) found", foundTools.size(), foundTools.keySet(),
                foundHandlers.size());
    }

    /**
     * Whether a bean's class is one to look for {@code @FonellaTool} and {@code @OnFonellaEvent}
     * methods on: every class but Spring's own infrastructure, that is a class in
     * {@code org.springframework} that is not a {@code @Component}, which Spring's
     * {@code @EventListener} detection skips in the same way. Those are most of a Spring Boot app's
     * beans, and reading their methods' annotations was most of the cost of discovery. Applications
     * in {@code org.springframework.samples} (Spring PetClinic and apps grown from it) are
     * applications, not infrastructure, and are always searched. The one decision, used at runtime
     * and by the AOT processing.
     *
     * @param type the user class of a bean (not a CGLIB subclass)
     * @return {@code false} for Spring's own infrastructure classes
     */
    public static boolean mayDeclareHandlers(Class<?> type) {
        String name = type.getName();
        return !name.startsWith("org.springframework.") || name.startsWith("org.springframework.samples.")
                || AnnotatedElementUtils.isAnnotated(type, Component.class);
    }

    /** The bean's user class: behind an AOP proxy, and a {@code @Configuration} class's CGLIB subclass. */
    private Class<?> targetClass(String beanName) {
        try {
            Class<?> type = AutoProxyUtils.determineTargetClass(beanFactory, beanName);
            return type == null ? null : ClassUtils.getUserClass(type);
        } catch (RuntimeException e) {
            log.debug("Could not resolve the target class of bean '{}'; skipping it", beanName, e);
            return null;
        }
    }

    private void discoverTools(String beanName, Class<?> type, Map<String, FonellaToolRegistration> found) {
        List<Method> methods;
        try {
            methods = ToolDefinitions.findToolMethods(type);
        } catch (RuntimeException | LinkageError e) {
            log.debug("Could not inspect the methods of bean '{}' ({}); skipping it", beanName, type.getName(), e);
            return;
        }
        if (methods.isEmpty()) {
            return;
        }
        Object bean = beanFactory.getBean(beanName);
        ToolCatalog catalog = builtCatalog();
        for (Method method : methods) {
            ToolDefinition definition;
            InvocableTool tool;
            try {
                definition = ToolDefinitions.of(type, method, catalog);
                tool = toolInvoker.prepare(definition, bean);
            } catch (FonellaException e) {
                throw new FonellaStartupException("Bean '" + beanName + "' (" + type.getName() + ") has an invalid "
                        + "@FonellaTool method " + method.getName() + ": " + e.getMessage(),
                        "Fix the method as the message says, then restart.", e);
            }
            FonellaToolRegistration previous = found.get(definition.name());
            if (previous != null) {
                throw new FonellaStartupException("Two @FonellaTool methods are named '" + definition.name() + "': "
                        + previous.source() + " and " + beanName + "#" + method.getName() + ".",
                        "Give one of them another name with @FonellaTool(name = \"...\").", null);
            }
            found.put(definition.name(), new FonellaToolRegistration(beanName, tool));
        }
    }

    /**
     * The schemas written by Spring AOT or {@code fonella:export} ({@link ToolCatalog#RESOURCE}), if
     * any, read on a thread of its own since this registry was created. The thread only reads
     * resources: it parses the document and digests the class files it names, runs none of the
     * application's code and loads none of its classes. Fingerprints are compared here, on the
     * thread that creates the beans, from those digests.
     */
    private ToolCatalog builtCatalog() {
        try {
            return catalog.join();
        } catch (CompletionException e) { // a catalog that cannot be read says so, as if it had been read here
            ReflectionUtils.rethrowRuntimeException(e.getCause());
            throw e; // not reached: that rethrows the cause, or wraps a checked one
        }
    }

    private void discoverEventHandlers(String beanName, Class<?> type, List<EventHandler> found, Set<String> ids,
            Map<String, String> sources) {
        List<EventHandlerDefinition> definitions;
        try {
            definitions = EventHandlers.definitions(type);
        } catch (FonellaException e) {
            throw new FonellaStartupException("Bean '" + beanName + "' (" + type.getName() + ") has an invalid "
                    + "@OnFonellaEvent method: " + e.getMessage(), "Fix the method as the message says, then restart.",
                    e);
        }
        if (definitions.isEmpty()) {
            return;
        }
        Object bean = beanFactory.getBean(beanName);
        for (EventHandlerDefinition candidate : definitions) {
            Method method = candidate.method();
            try {
                EventHandlerDefinition definition = candidate;
                if (!ids.add(definition.id())) {
                    // The same class registered as two beans: tell the handlers apart by bean name.
                    definition = definition.withId(beanName + "/" + definition.id());
                    ids.add(definition.id());
                }
                Method invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
                found.add(EventHandler.of(definition, EventHandlerInvoker.reflective(bean, invocable)));
                sources.put(definition.id(), beanName + "#" + method.getName());
            } catch (FonellaException e) {
                throw new FonellaStartupException("Bean '" + beanName + "' (" + type.getName() + ") has an invalid "
                        + "@OnFonellaEvent method " + method.getName() + ": " + e.getMessage(),
                        "Fix the method as the message says, then restart.", e);
            }
        }
    }

    /**
     * All tools, by name.
     *
     * @return an unmodifiable map in discovery order
     */
    public Map<String, FonellaToolRegistration> tools() {
        return tools;
    }

    /**
     * One tool.
     *
     * @param name the tool name
     * @return the tool, if there is one
     */
    public Optional<FonellaToolRegistration> tool(String name) {
        return Optional.ofNullable(tools.get(name));
    }

    /**
     * @return whether any {@code @FonellaTool} method was found
     */
    public boolean hasTools() {
        return !tools.isEmpty();
    }

    /**
     * @return all event handlers
     */
    public List<EventHandler> eventHandlers() {
        return eventHandlers;
    }

    /**
     * @param handlerId a handler id
     * @return {@code beanName#method} of the handler, for logs and the actuator endpoint
     */
    public String eventHandlerSource(String handlerId) {
        return eventHandlerSources.getOrDefault(handlerId, handlerId);
    }

    /**
     * @return whether any {@code @OnFonellaEvent} method was found
     */
    public boolean hasEventHandlers() {
        return !eventHandlers.isEmpty();
    }

    /**
     * The event types the handlers listen to, which is what the webhook subscription asks for.
     *
     * @return the types, all eight when a handler takes every event
     */
    public Set<EventType> handledEventTypes() {
        Set<EventType> types = EnumSet.noneOf(EventType.class);
        for (EventHandler handler : eventHandlers) {
            EventHandlerDefinition definition = handler.definition();
            if (definition.allTypes()) {
                return EventType.known();
            }
            types.addAll(definition.eventTypes());
        }
        return types;
    }

    /**
     * The dispatcher over all handlers.
     *
     * @return the dispatcher
     * @throws IllegalStateException before discovery has run
     */
    public EventDispatcher dispatcher() {
        EventDispatcher current = dispatcher;
        if (current == null) {
            throw new IllegalStateException("Fonella handlers are discovered once all singletons exist; "
                    + "the dispatcher is not ready yet");
        }
        return current;
    }

    /**
     * @return whether discovery has run
     */
    public boolean isInitialized() {
        return initialized;
    }
}
