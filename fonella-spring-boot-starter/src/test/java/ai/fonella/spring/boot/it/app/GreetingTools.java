package ai.fonella.spring.boot.it.app;

import ai.fonella.tool.FonellaTool;

/** A tool declared on an interface. */
public interface GreetingTools {

    @FonellaTool(description = "Greet the caller by name")
    String greet(String name);
}
