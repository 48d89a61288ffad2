package ai.fonella.tool;

import java.io.IOException;
import java.io.InputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Class files read by class name, through a class loader's resources: what a {@link ToolCatalog}
 * fingerprint digests. Reading a resource loads no class and runs no code of the application.
 */
final class ClassFiles {

    /** A class's internal name, {@code com/example/Order$Line}. */
    private static final String NAME = "[^;<>.\\[()/]+(?:/[^;<>.\\[()/]+)*";

    private static final String FIELD = "\\[*(?:[BCDFIJSZ]|L" + NAME + ";)";

    /**
     * A whole field or method descriptor ({@code Lcom/example/Order;}, {@code (ILjava/util/List;)V}):
     * how annotation types, the classes annotation members name, and the types of fields and
     * methods are written. Generic signatures are not read: a type they name that is missing fails
     * the reflection that reads them, instead of being dropped.
     */
    private static final Pattern DESCRIPTOR = Pattern.compile(FIELD + "|\\((?:" + FIELD + ")*\\)(?:V|" + FIELD + ")");

    private static final Pattern DESCRIBED = Pattern.compile("L(" + NAME + ");");

    private ClassFiles() {
    }

    /**
     * The class file of a class, by name.
     *
     * @param className the binary name, {@code com.example.Order$Line}
     * @param classLoader where to read it; {@code null} for the system class loader
     * @return its bytes, or nothing when there is no such resource
     */
    static Optional<byte[]> read(String className, ClassLoader classLoader) {
        ClassLoader loader = classLoader != null ? classLoader : ClassLoader.getSystemClassLoader();
        try (InputStream in = loader.getResourceAsStream(resource(className))) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether a class loader has a class file for a name.
     *
     * @param className the binary name
     * @param classLoader where to look; {@code null} for the system class loader
     * @return {@code true} when there is one
     */
    static boolean exists(String className, ClassLoader classLoader) {
        ClassLoader loader = classLoader != null ? classLoader : ClassLoader.getSystemClassLoader();
        return loader.getResource(resource(className)) != null;
    }

    static byte[] sha256(byte[] bytes) {
        return sha256().digest(bytes);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * The classes a class file names in its constant pool, by binary name: the classes its code
     * uses, and those in field and method descriptors, among them every annotation type it uses
     * (which the JVM drops without a word when it cannot load one) and the classes annotation
     * members name.
     *
     * @param classFile the bytes of a class file
     * @return the names, sorted; nothing when the bytes are not a class file this can read
     */
    static Optional<Set<String>> namedClasses(byte[] classFile) {
        ByteBuffer in = ByteBuffer.wrap(classFile);
        try {
            if (in.getInt() != 0xCAFEBABE) {
                return Optional.empty();
            }
            in.position(8); // minor and major version
            String[] texts = new String[Short.toUnsignedInt(in.getShort())];
            List<Integer> classNames = new ArrayList<>();
            for (int index = 1; index < texts.length; index++) {
                switch (in.get()) {
                    case 1 -> { // Utf8 (modified UTF-8, which agrees with UTF-8 on what a class name may hold)
                        byte[] text = new byte[Short.toUnsignedInt(in.getShort())];
                        in.get(text);
                        texts[index] = new String(text, StandardCharsets.UTF_8);
                    }
                    case 7 -> classNames.add(Short.toUnsignedInt(in.getShort())); // Class
                    case 8, 16, 19, 20 -> in.getShort(); // String, MethodType, Module, Package
                    case 15 -> in.position(in.position() + 3); // MethodHandle
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> in.getInt(); // Integer, Float, refs, NameAndType, dynamic
                    case 5, 6 -> { // Long, Double: two entries
                        in.getLong();
                        index++;
                    }
                    default -> {
                        return Optional.empty();
                    }
                }
            }
            Set<String> names = new TreeSet<>();
            for (int index : classNames) {
                String name = texts[index];
                if (name != null && !name.startsWith("[")) {
                    names.add(name.replace('/', '.'));
                } else if (name != null) {
                    described(name, names); // an array class: its descriptor
                }
            }
            for (String text : texts) {
                if (text != null && DESCRIPTOR.matcher(text).matches()) {
                    described(text, names);
                }
            }
            return Optional.of(names);
        } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    private static void described(String descriptor, Set<String> names) {
        Matcher described = DESCRIBED.matcher(descriptor);
        while (described.find()) {
            names.add(described.group(1).replace('/', '.'));
        }
    }

    private static String resource(String className) {
        return className.replace('.', '/') + ".class";
    }
}
