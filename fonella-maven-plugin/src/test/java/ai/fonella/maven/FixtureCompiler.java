package ai.fonella.maven;

import ai.fonella.tool.FonellaTool;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Size;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Compiles fixture sources into a class directory, as a project's build would: the "project" for
 * the scanner tests.
 */
final class FixtureCompiler {

    private FixtureCompiler() {
    }

    /**
     * The jars or directories of fonella-core, Jackson's annotations and Jakarta Validation: what a
     * project using the starter has on its runtime class path.
     */
    static List<Path> projectLibraries() {
        return List.of(location(FonellaTool.class), location(JsonProperty.class), location(Size.class));
    }

    static Path location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Compiles sources.
     *
     * @param output the class directory to create
     * @param parameters whether to compile with {@code -parameters}
     * @param extraClasspath further class path entries
     * @param sources binary class name to source
     * @return the class directory
     */
    static Path compile(Path output, boolean parameters, List<Path> extraClasspath, Map<String, String> sources) {
        try {
            Path sourceDir = Files.createTempDirectory(output.getParent(), "src");
            List<String> files = new ArrayList<>();
            for (Map.Entry<String, String> source : sources.entrySet()) {
                Path file = sourceDir.resolve(source.getKey().replace('.', '/') + ".java");
                Files.createDirectories(file.getParent());
                Files.writeString(file, source.getValue(), StandardCharsets.UTF_8);
                files.add(file.toString());
            }
            Files.createDirectories(output);
            List<Path> classpath = new ArrayList<>(projectLibraries());
            classpath.addAll(extraClasspath);
            List<String> args = new ArrayList<>(List.of("-d", output.toString(), "--release", "17", "-proc:none",
                    "-encoding", "UTF-8", "-classpath", classpath.stream().map(Path::toString)
                            .collect(Collectors.joining(java.io.File.pathSeparator))));
            if (parameters) {
                args.add("-parameters");
            }
            args.addAll(files);
            JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
            ByteArrayOutputStream errors = new ByteArrayOutputStream();
            int status = compiler.run(null, errors, errors, args.toArray(String[]::new));
            if (status != 0) {
                throw new IllegalStateException("Fixture compilation failed: " + errors.toString(StandardCharsets.UTF_8));
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
