package ai.fonella.maven.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Waits in {@code pre-integration-test} until the {@link BuildEmulator} answers
 * {@code GET /_emulator/info} on the reserved port, so that no invoker scenario starts before it.
 * Depends on nothing but the JDK.
 */
public final class AwaitEmulator {

    private AwaitEmulator() {
    }

    /**
     * Waits.
     *
     * @param args the port, the control directory, and optionally the seconds to wait (default 60)
     * @throws Exception when the emulator does not answer in time
     */
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Path control = Path.of(args[1]);
        long seconds = args.length > 2 ? Long.parseLong(args[2]) : 60;
        URI info = URI.create("http://127.0.0.1:" + port + "/_emulator/info");
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        Instant start = Instant.now();
        Instant deadline = start.plusSeconds(seconds);
        while (Instant.now().isBefore(deadline)) {
            Path pidFile = control.resolve("pid");
            if (Files.exists(pidFile) && isCurrent(pidFile, start) && !isAlive(pidFile)) {
                Path log = control.resolve("emulator.log");
                throw new IllegalStateException("The Fonella emulator exited before it answered on port " + port
                        + ":\n" + (Files.exists(log) ? Files.readString(log) : "(no log)"));
            }
            if (Files.exists(control.resolve("port"))) {
                try {
                    HttpResponse<Void> response = client.send(HttpRequest.newBuilder(info)
                            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() == 200) {
                        System.out.println("Fonella emulator ready on port " + port + " after "
                                + Duration.between(start, Instant.now()).toMillis() + " ms");
                        return;
                    }
                } catch (java.io.IOException notYet) {
                    // not listening yet
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("The Fonella emulator did not answer on port " + port + " within "
                + seconds + " s; see " + control.resolve("emulator.log"));
    }

    /** A pid file left by an earlier run that was killed does not count. */
    private static boolean isCurrent(Path pidFile, Instant start) {
        try {
            return Files.getLastModifiedTime(pidFile).toInstant().isAfter(start.minusSeconds(10));
        } catch (java.io.IOException gone) {
            return false;
        }
    }

    private static boolean isAlive(Path pidFile) {
        try {
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (java.io.IOException | NumberFormatException stillWriting) {
            return true;
        }
    }
}
