package ai.fonella.spring.boot.it.app;

/** Implements the interface-declared tool. */
public class DefaultGreetingTools implements GreetingTools {

    @Override
    public String greet(String name) {
        return "Hello, " + name + "!";
    }
}
