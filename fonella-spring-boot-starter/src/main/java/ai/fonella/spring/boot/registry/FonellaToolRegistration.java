package ai.fonella.spring.boot.registry;

import ai.fonella.tool.InvocableTool;
import ai.fonella.tool.ToolDefinition;

/**
 * A {@code @FonellaTool} method found on a bean, ready to be invoked through the bean (and so
 * through any proxy around it).
 *
 * @param beanName the bean's name
 * @param tool the prepared tool
 */
public record FonellaToolRegistration(String beanName, InvocableTool tool) {

    /**
     * @return the tool's definition
     */
    public ToolDefinition definition() {
        return tool.definition();
    }

    /**
     * @return the tool's name
     */
    public String name() {
        return tool.name();
    }

    /**
     * @return {@code beanName#method}, for logs and the actuator endpoint
     */
    public String source() {
        return beanName + "#" + tool.definition().javaMethod().getName();
    }
}
