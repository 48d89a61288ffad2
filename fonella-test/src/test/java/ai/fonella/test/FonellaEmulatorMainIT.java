package ai.fonella.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.fonella.client.FonellaAuthenticationException;
import ai.fonella.client.FonellaClient;
import ai.fonella.model.CreateToolRequest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The standalone emulator, in-process and as its own JVM as a build would start it. */
class FonellaEmulatorMainIT {

    private static final String KEY_A = "fon_live_invokerscenarioa00000000";
    private static final String KEY_B = "fon_live_invokerscenariob00000000";

    @TempDir
    Path temp;

    @Test
    void launchesWithSeededKeysAndWritesThePortFile() throws Exception {
        Path portFile = temp.resolve("target/emulator.port");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        try (FonellaEmulator emulator = FonellaEmulatorMain.launch(new String[] {"--port", "0", "--api-key", KEY_A,
                "--api-key=" + KEY_B, "--port-file", portFile.toString()}, new PrintStream(out, true,
                StandardCharsets.UTF_8))) {

            int port = Integer.parseInt(Files.readString(portFile));
            assertThat(port).isEqualTo(emulator.port());
            String printed = out.toString(StandardCharsets.UTF_8);
            assertThat(printed).contains("Fonella emulator listening on http://127.0.0.1:" + port)
                    .contains("API key: " + KEY_A).contains(KEY_B).contains("/_emulator/")
                    .contains("Console: http://127.0.0.1:" + port + "/_emulator/console/");
            FonellaClient a = emulator.client(KEY_A);
            FonellaClient b = emulator.client(KEY_B);
            a.tools().create(CreateToolRequest.builder().name("onlyInA").description("d")
                    .url("https://shop.example.com/t").build());
            assertThat(a.tools().list()).hasSize(1);
            assertThat(b.tools().list()).isEmpty();
            emulator.reset();
            assertThat(a.tools().list()).isEmpty();
            assertThat(b.tools().list()).isEmpty();
        }
    }

    @Test
    void signsDeliveriesWithTheSchemeAsked() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        try (FonellaEmulator emulator = FonellaEmulatorMain.launch(new String[] {"--signature-scheme=standard-webhooks"},
                new PrintStream(out, true, StandardCharsets.UTF_8))) {
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("Deliveries are signed with standard-webhooks")
                    .contains("fonella.webhooks.signature-scheme");
            HttpResponse<String> info = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(emulator.baseUrl() + "/_emulator/info")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(info.body()).contains("\"signatureScheme\":\"STANDARD_WEBHOOKS\"");
        }
    }

    @Test
    void rejectsUnknownOptionsAndBadValues() {
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

        assertThatThrownBy(() -> FonellaEmulatorMain.launch(new String[] {"--prot", "1"}, out))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown option '--prot'");
        assertThatThrownBy(() -> FonellaEmulatorMain.launch(new String[] {"--port", "x"}, out))
                .hasMessageContaining("--port must be a number");
        assertThatThrownBy(() -> FonellaEmulatorMain.launch(new String[] {"--port"}, out))
                .hasMessageContaining("--port needs a value");
        assertThatThrownBy(() -> FonellaEmulatorMain.launch(new String[] {"--signature-scheme", "svix"}, out))
                .hasMessageContaining("--signature-scheme: Unknown signature scheme 'svix'")
                .hasMessageContaining("'standard-webhooks'");
        assertThatThrownBy(() -> FonellaEmulatorMain.launch(new String[] {"--api-key", "has space"}, out))
                .hasMessageContaining("printable ASCII without spaces");
        assertThatThrownBy(() -> FonellaEmulatorMain.launch(new String[] {"--api-key", KEY_A, "--api-key", KEY_A},
                out)).hasMessageContaining("already in use").hasMessageNotContaining(KEY_A);
    }

    @Test
    void runsAsItsOwnProcessUntilKilled() throws Exception {
        Path portFile = temp.resolve("emulator.port");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                FonellaEmulatorMain.class.getName(), "--port", "0", "--api-key", KEY_A, "--port-file",
                portFile.toString()))
                .redirectErrorStream(true)
                .redirectOutput(temp.resolve("emulator.log").toFile())
                .start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!Files.exists(portFile) && process.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(portFile).as(Files.exists(temp.resolve("emulator.log"))
                    ? Files.readString(temp.resolve("emulator.log")) : "no output").exists();
            String baseUrl = "http://127.0.0.1:" + Files.readString(portFile).trim();
            FonellaClient client = FonellaClient.builder().baseUrl(baseUrl).apiKey(KEY_A).build();

            assertThat(client.tools().list()).isEmpty();
            assertThatThrownBy(() -> FonellaClient.builder().baseUrl(baseUrl)
                    .apiKey("fon_live_notseeded0000000000000000").build().tools().list())
                    .isInstanceOf(FonellaAuthenticationException.class);
            assertThat(Files.readString(temp.resolve("emulator.log"))).contains("API key: " + KEY_A);
        } finally {
            process.destroy();
            assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
    }
}
