package ai.fonella.maven.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Stops the {@link BuildEmulator} in {@code post-integration-test}: writes the stop file of its
 * control directory and waits up to ten seconds for the process to end, then kills it. Depends on
 * nothing but the JDK, so it runs with {@code target/test-classes} alone.
 */
public final class StopEmulator {

    private StopEmulator() {
    }

    /**
     * Stops the emulator.
     *
     * @param args the control directory
     * @throws Exception on an I/O failure
     */
    public static void main(String[] args) throws Exception {
        Path control = Path.of(args[0]);
        Path pidFile = control.resolve("pid");
        if (!Files.exists(pidFile)) {
            System.out.println("No Fonella emulator to stop in " + control);
            return;
        }
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        Files.writeString(control.resolve("stop"), "stop");
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (process.isPresent() && process.get().isAlive() && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        if (process.isPresent() && process.get().isAlive()) {
            process.get().destroyForcibly();
            System.out.println("Fonella emulator (pid " + pid + ") killed");
        } else {
            System.out.println("Fonella emulator (pid " + pid + ") stopped");
        }
    }
}
