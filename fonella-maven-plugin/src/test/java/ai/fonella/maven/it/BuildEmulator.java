package ai.fonella.maven.it;

import ai.fonella.test.FonellaEmulator;
import ai.fonella.test.FonellaEmulatorMain;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs the Fonella emulator for the invoker scenarios of {@code mvn verify}, started asynchronously
 * by exec-maven-plugin in {@code pre-integration-test}, and makes sure it never outlives the build:
 * it stops when
 * <ul>
 * <li>{@code post-integration-test} asks it to ({@link StopEmulator} writes the stop file);</li>
 * <li>the Maven process that started it exits, however it exits (also when killed: exec-maven-plugin's
 *     {@code asyncDestroyOnShutdown} only covers an orderly JVM shutdown);</li>
 * <li>it has run for {@code --max-minutes} (default 20), in case Maven outlives the build, as a
 *     daemon would.</li>
 * </ul>
 *
 * <pre>
 * BuildEmulator --control-dir DIR [--max-minutes N] [FonellaEmulatorMain options...]
 * </pre>
 *
 * <p>The control directory receives {@code pid}, {@code emulator.log} (its output) and, from
 * {@code --port-file}, the port once the emulator listens; {@code stop} appearing there stops it.
 */
public final class BuildEmulator {

    private BuildEmulator() {
    }

    /**
     * Starts the emulator and waits for one of the stop conditions.
     *
     * @param args the options
     * @throws Exception on a startup failure
     */
    public static void main(String[] args) throws Exception {
        Path control = null;
        long maxMinutes = 20;
        List<String> emulatorArgs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--control-dir" -> control = Path.of(args[++i]);
                case "--max-minutes" -> maxMinutes = Long.parseLong(args[++i]);
                default -> emulatorArgs.add(args[i]);
            }
        }
        if (control == null) {
            throw new IllegalArgumentException("--control-dir is required");
        }
        Files.createDirectories(control);
        PrintStream log = new PrintStream(Files.newOutputStream(control.resolve("emulator.log")), true,
                StandardCharsets.UTF_8);
        System.setOut(log);
        System.setErr(log);
        Path stopFile = control.resolve("stop");
        Files.deleteIfExists(stopFile);
        Files.writeString(control.resolve("pid"), Long.toString(ProcessHandle.current().pid()));

        Optional<ProcessHandle> parent = ProcessHandle.current().parent();
        FonellaEmulator emulator = FonellaEmulatorMain.launch(emulatorArgs.toArray(String[]::new), System.out);
        Runtime.getRuntime().addShutdownHook(new Thread(emulator::close, "fonella-build-emulator-shutdown"));

        Instant deadline = Instant.now().plus(Duration.ofMinutes(maxMinutes));
        String reason;
        while (true) {
            if (Files.exists(stopFile)) {
                reason = "asked to stop";
                break;
            }
            if (parent.isPresent() && !parent.get().isAlive()) {
                reason = "the Maven process that started it is gone";
                break;
            }
            if (Instant.now().isAfter(deadline)) {
                reason = "it ran for " + maxMinutes + " minutes";
                break;
            }
            Thread.sleep(200);
        }
        System.out.println("Fonella emulator stopping: " + reason);
        emulator.close();
        try {
            Files.deleteIfExists(control.resolve("pid"));
        } catch (IOException ignored) {
            // best effort
        }
        System.exit(0);
    }
}
