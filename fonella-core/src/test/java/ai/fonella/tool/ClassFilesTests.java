package ai.fonella.tool;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * The constant-pool reader behind {@link ToolCatalog}'s absent classes and generator, checked
 * against what reflection, which reads class files its own way, says the classes declare.
 */
class ClassFilesTests {

    /** Literals that look like parts of descriptors, and a method that takes a primitive first. */
    @Deprecated
    static final class Tricky {
        static final String TEXT = "Map<List<Order>> (Latest;first) <Lookup< [Lnot/a/Type";
        static final long BIG = 1L << 40;
        static final double HALF = 0.5;

        static String describe(int count, Random random, BigDecimal amount) {
            return TEXT + count + random + amount + BIG + HALF;
        }
    }

    @Test
    void namesEveryTypeAClassDeclaresAndNothingItDoesNot() throws Exception {
        for (Class<?> type : List.of(Duration.class, Random.class, ConcurrentHashMap.class, Tricky.class,
                ToolCatalog.class, Thread.State.class)) {
            Set<String> named = ClassFiles.namedClasses(ClassFiles.read(type.getName(), type.getClassLoader())
                    .orElseThrow()).orElseThrow();

            assertThat(named).as(type.getName()).containsAll(declared(type));
            assertThat(named).as("%s: only classes that exist", type.getName())
                    .allMatch(name -> ClassFiles.exists(name, type.getClassLoader()));
        }
        assertThat(ClassFiles.namedClasses(ClassFiles.read(Tricky.class.getName(), Tricky.class.getClassLoader())
                .orElseThrow()).orElseThrow()).contains(Random.class.getName(), BigDecimal.class.getName(),
                        Deprecated.class.getName())
                .doesNotContain("atest", "ookup", "ist", "Order", "not.a.Type"); // the literal's look-alikes
    }

    @Test
    void readsNothingFromWhatIsNotAClassFile() {
        assertThat(ClassFiles.namedClasses(new byte[] {1, 2, 3})).isEmpty();
        assertThat(ClassFiles.namedClasses(new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0,
                61, 0, 9, 99})).as("an unknown constant").isEmpty();
        assertThat(ClassFiles.read("com.example.Gone", getClass().getClassLoader())).isEmpty();
    }

    /** The classes reflection says a class declares: field, parameter and return types, annotations. */
    private static Set<String> declared(Class<?> type) {
        List<Class<?>> classes = new ArrayList<>();
        for (var field : type.getDeclaredFields()) {
            classes.add(field.getType());
        }
        for (Method method : type.getDeclaredMethods()) {
            classes.add(method.getReturnType());
            classes.addAll(List.of(method.getParameterTypes()));
        }
        for (Annotation annotation : type.getDeclaredAnnotations()) {
            classes.add(annotation.annotationType());
        }
        Set<String> names = new HashSet<>();
        for (Class<?> declared : classes) {
            while (declared.isArray()) {
                declared = declared.getComponentType();
            }
            if (!declared.isPrimitive()) {
                names.add(declared.getName());
            }
        }
        return names;
    }
}
