package ai.fonella.tool;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Renders methods for messages. Not part of the public API. */
final class ToolMethods {

    private ToolMethods() {
    }

    /**
     * {@code com.acme.OrderTools.lookupOrder(String, int)}, naming the scanned class, which may be a
     * subclass of the declaring one.
     *
     * @param toolClass the class being scanned, or {@code null} for the declaring class
     * @param method the method
     * @return the rendering
     */
    public static String describe(Class<?> toolClass, Method method) {
        Class<?> owner = toolClass != null ? toolClass : method.getDeclaringClass();
        return owner.getName() + "." + method.getName() + Arrays.stream(method.getParameterTypes())
                .map(Class::getSimpleName).collect(Collectors.joining(", ", "(", ")"));
    }
}
