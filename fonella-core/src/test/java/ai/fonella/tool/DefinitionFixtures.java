package ai.fonella.tool;

import ai.fonella.model.ToolMethod;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/** Classes whose tool methods {@link ToolDefinitionsTests} discovers or rejects. */
final class DefinitionFixtures {

    private DefinitionFixtures() {
    }

    /** Declares a tool on an interface. */
    public interface OrderApi {
        @FonellaTool(description = "Looks up an order by its number", method = ToolMethod.GET, timeout = "2s")
        String lookupOrder(String orderNumber);

        /** Not a tool. */
        String helper();
    }

    /** Implements the interface; the override inherits the annotation. */
    public static class OrderService implements OrderApi {
        @Override
        public String lookupOrder(String orderNumber) {
            return "Order " + orderNumber + " is on its way.";
        }

        @Override
        public String helper() {
            return "not a tool";
        }

        @FonellaTool(name = "cancelOrder", description = "Cancels an order", timeout = "1500ms")
        public String cancel(String orderNumber, String reason) {
            return "Cancelled " + orderNumber;
        }
    }

    /** A superclass with a tool. */
    public static class BaseTools {
        @FonellaTool(description = "Says hello")
        public String greet(String name) {
            return "Hello " + name;
        }
    }

    /** Inherits the superclass's tool and adds one. */
    public static class ExtendedTools extends BaseTools {
        @FonellaTool(description = "Says goodbye", timeout = "PT0.5S")
        public String farewell(String name) {
            return "Goodbye " + name;
        }
    }

    /** An item for the generic tools. */
    public record Item(String sku, int quantity) {
    }

    /** A generic superclass whose tool parameter is a type variable. */
    public abstract static class CrudTools<T> {
        @FonellaTool(description = "Saves an item")
        public String save(T item) {
            return "saved " + item;
        }
    }

    /** Binds the type variable; inherits save(T) as save(Item). */
    public static class ItemTools extends CrudTools<Item> {
    }

    /** Overrides save, which makes the compiler add a bridge method. */
    public static class OverridingItemTools extends CrudTools<Item> {
        @Override
        public String save(Item item) {
            return "saved " + item.sku();
        }
    }

    /** Not camelCase. */
    public static class SnakeCase {
        @FonellaTool(name = "lookup_order", description = "Looks up an order")
        public String lookup(String orderNumber) {
            return orderNumber;
        }
    }

    /** Blank description. */
    public static class BlankDescription {
        @FonellaTool(description = "   ")
        public String lookupOrder(String orderNumber) {
            return orderNumber;
        }
    }

    /** Two tools with one name. */
    public static class Duplicates {
        @FonellaTool(name = "lookupOrder", description = "Looks up an order")
        public String first(String orderNumber) {
            return orderNumber;
        }

        @FonellaTool(name = "lookupOrder", description = "Looks up an order, again")
        public String second(String orderNumber) {
            return orderNumber;
        }
    }

    /** Raw Object. */
    public static class ObjectParameter {
        @FonellaTool(description = "Takes anything")
        public String take(Object anything) {
            return String.valueOf(anything);
        }
    }

    /** Wildcard. */
    public static class WildcardParameter {
        @FonellaTool(description = "Takes a list of something")
        public String take(List<?> things) {
            return String.valueOf(things);
        }
    }

    /** Map with integer keys. */
    public static class IntegerKeys {
        @FonellaTool(description = "Takes a map")
        public String take(Map<Integer, String> byNumber) {
            return String.valueOf(byNumber);
        }
    }

    /** A stream. */
    public static class StreamParameter {
        @FonellaTool(description = "Takes a stream")
        public String take(InputStream in) {
            return "read";
        }
    }

    /** A raw list. */
    @SuppressWarnings("rawtypes")
    public static class RawList {
        @FonellaTool(description = "Takes a raw list")
        public String take(List things) {
            return String.valueOf(things);
        }
    }

    /** An interface Jackson cannot instantiate. */
    public interface Shape {
        double area();
    }

    /** Takes the interface. */
    public static class InterfaceParameter {
        @FonellaTool(description = "Takes a shape")
        public String take(Shape shape, String label) {
            return label;
        }
    }

    /** A record with an Object component. */
    public record Envelope(String to, Object payload) {
    }

    /** Takes the record. */
    public static class NestedObject {
        @FonellaTool(description = "Sends an envelope")
        public String send(Envelope envelope) {
            return envelope.to();
        }
    }

    /** A private tool method. */
    public static class PrivateTool {
        @FonellaTool(description = "Hidden")
        private String hidden(String text) {
            return text;
        }

        String callHidden() {
            return hidden("x");
        }
    }

    /** A timeout at the platform limit. */
    public static class TooSlow {
        @FonellaTool(description = "Takes its time", timeout = "5s")
        public String slow(String text) {
            return text;
        }
    }

    /** A timeout that is not a duration. */
    public static class VagueTimeout {
        @FonellaTool(description = "Takes its time", timeout = "soon")
        public String vague(String text) {
            return text;
        }
    }

    /** A static tool. */
    public static class StaticTools {
        @FonellaTool(description = "Adds two numbers")
        public static int add(int a, int b) {
            return a + b;
        }
    }
}
