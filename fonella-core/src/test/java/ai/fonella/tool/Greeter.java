package ai.fonella.tool;

/** A tool declared on an interface, for proxy targets in {@link ToolInvokerTests}. */
public interface Greeter {

    /**
     * Greets someone.
     *
     * @param name who
     * @return the greeting
     */
    @FonellaTool(description = "Greets someone")
    String greet(String name);
}
