package ai.fonella.maven.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The emulator started for the invoker scenarios never outlives the build: it stops when asked, and
 * when the process that started it dies, even by {@code SIGKILL}, which no shutdown hook survives.
 */
class BuildEmulatorIT {

    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @Test
    void stopsWhenItsParentIsKilled(@TempDir Path control) throws Exception {
        int port = freePort();
        // A stand-in for Maven: a JVM that starts the emulator, then waits forever.
        Process parent = new ProcessBuilder(JAVA, "-cp", System.getProperty("java.class.path"),
                FakeMaven.class.getName(), control.toString(), Integer.toString(port))
                .redirectErrorStream(true).redirectOutput(control.resolve("parent.log").toFile()).start();
        try {
            long emulatorPid = awaitEmulator(control, port);
            parent.destroyForcibly().waitFor();
            assertThat(awaitExit(emulatorPid, Duration.ofSeconds(10))).as("emulator exited after its parent was killed")
                    .isTrue();
            assertThat(Files.readString(control.resolve("emulator.log")))
                    .contains("Fonella emulator stopping: the Maven process that started it is gone");
        } finally {
            parent.destroyForcibly();
        }
    }

    @Test
    void stopsWhenAsked(@TempDir Path control) throws Exception {
        int port = freePort();
        Process emulator = new ProcessBuilder(JAVA, "-cp", System.getProperty("java.class.path"),
                BuildEmulator.class.getName(), "--control-dir", control.toString(), "--port",
                Integer.toString(port), "--port-file", control.resolve("port").toString())
                .redirectErrorStream(true).redirectOutput(new File("/dev/null")).start();
        try {
            long pid = awaitEmulator(control, port);
            assertThat(pid).isEqualTo(emulator.pid());
            StopEmulator.main(new String[] {control.toString()});
            assertThat(emulator.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(emulator.exitValue()).isZero();
            assertThat(Files.readString(control.resolve("emulator.log")))
                    .contains("Fonella emulator stopping: asked to stop");
            assertThat(control.resolve("pid")).doesNotExist();
        } finally {
            emulator.destroyForcibly();
        }
    }

    private static long awaitEmulator(Path control, int port) throws Exception {
        AwaitEmulator.main(new String[] {Integer.toString(port), control.toString(), "30"});
        HttpResponse<String> info = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/_emulator/info")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(info.statusCode()).isEqualTo(200);
        return Long.parseLong(Files.readString(control.resolve("pid")).strip());
    }

    private static boolean awaitExit(long pid, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Optional<ProcessHandle> process = ProcessHandle.of(pid);
            if (process.isEmpty() || !process.get().isAlive()) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Starts the {@link BuildEmulator} as its child, like exec-maven-plugin does, and waits. */
    public static final class FakeMaven {

        private FakeMaven() {
        }

        /**
         * Starts the emulator and sleeps.
         *
         * @param args the control directory and the port
         * @throws Exception never expected
         */
        public static void main(String[] args) throws Exception {
            new ProcessBuilder(List.of(JAVA, "-cp", System.getProperty("java.class.path"),
                    BuildEmulator.class.getName(), "--control-dir", args[0], "--port", args[1], "--port-file",
                    Path.of(args[0], "port").toString())).inheritIO().start();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
