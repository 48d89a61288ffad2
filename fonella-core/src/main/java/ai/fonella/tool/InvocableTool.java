package ai.fonella.tool;

import java.time.Duration;

/**
 * A tool ready to be invoked: its definition, the object that serves it, and everything resolved
 * for fast invocation (the parameter binders, the schema check, the effective deadline; the method
 * handle and Jackson's readers are made on the first call). Created by
 * {@link ToolInvoker#prepare(ToolDefinition, Object)}, once per tool at startup; thread-safe.
 */
public final class InvocableTool {

    private final ToolDefinition definition;
    private final Object target;
    private final MethodPlan plan;
    private final Duration timeout;
    private final long timeoutNanos;
    private final boolean voidResult;

    InvocableTool(ToolDefinition definition, Object target, MethodPlan plan, Duration timeout, boolean voidResult) {
        this.definition = definition;
        this.target = target;
        this.plan = plan;
        this.timeout = timeout;
        this.timeoutNanos = timeout.toNanos();
        this.voidResult = voidResult;
    }

    /**
     * The definition.
     *
     * @return the definition
     */
    public ToolDefinition definition() {
        return definition;
    }

    /**
     * The tool's name.
     *
     * @return the name
     */
    public String name() {
        return definition.name();
    }

    /**
     * The object the method is invoked on; {@code null} for a static method.
     *
     * @return the target
     */
    public Object target() {
        return target;
    }

    /**
     * The deadline of one invocation: the invoker's per-tool override, else the definition's
     * {@code @FonellaTool(timeout)}, else the invoker's default.
     *
     * @return the deadline
     */
    public Duration timeout() {
        return timeout;
    }

    /**
     * Whether the method takes a {@link ToolCallContext}; callers that build the context from
     * request headers can skip that work when it does not.
     *
     * @return {@code true} if a context parameter is injected
     */
    public boolean takesContext() {
        return plan.takesContext();
    }

    MethodPlan plan() {
        return plan;
    }

    /**
     * Reads the arguments and binds them to the method's parameters, checking them against the
     * tool's input schema on the way.
     *
     * @throws ToolArgumentException naming the argument
     */
    Object[] bind(ToolArguments arguments, ToolCallContext context) {
        return plan.bind(arguments.object(plan.query()), context == null ? ToolCallContext.empty() : context);
    }

    long timeoutNanos() {
        return timeoutNanos;
    }

    boolean voidResult() {
        return voidResult;
    }

    @Override
    public String toString() {
        return "InvocableTool[" + definition.name() + ", timeout=" + timeout + "]";
    }
}
