package ai.fonella.samples.orderdesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.fonella.model.Call;
import ai.fonella.model.Tool;
import ai.fonella.samples.orderdesk.callbacks.CallbackTools;
import ai.fonella.samples.orderdesk.orders.OrderTools;
import ai.fonella.test.CallScript;
import ai.fonella.test.EmulatorAccount;
import ai.fonella.test.FonellaEmulator;
import ai.fonella.tool.ToolCatalog;
import ai.fonella.tool.ToolDefinitions;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The app as a build server processes it ahead of time ({@code process-aot} in this project's build,
 * with no API key and no public URL), then started in a JVM of its own with
 * {@code -Dspring.aot.enabled=true} and given its key and URL only at runtime, against an emulator:
 * it registers its tools, from the definitions computed at build time, with schemas byte-identical
 * to those generated at runtime, and its webhook subscription; a simulated call reaches its tools and
 * its event handlers.
 */
class AotModeIT {

    private static final Path TARGET = Path.of("target");

    static FonellaEmulator emulator;
    static List<Process> apps = new ArrayList<>();

    @BeforeAll
    static void startEmulator() {
        emulator = FonellaEmulator.builder().start();
    }

    @AfterAll
    static void stopEverything() throws InterruptedException {
        for (Process app : apps) {
            app.destroy();
            if (!app.waitFor(10, TimeUnit.SECONDS)) {
                app.destroyForcibly();
            }
        }
        emulator.stop();
    }

    @Test
    void anAppProcessedAheadOfTimeRegistersServesAndHandlesWhatItIsGivenAtRuntime() throws Exception {
        assertThat(TARGET.resolve("classes/ai/fonella/samples/orderdesk/OrderDeskApplication__ApplicationContextInitializer.class"))
                .as("process-aot ran in this build").exists();
        EmulatorAccount jvm = emulator.newAccount();
        EmulatorAccount aot = emulator.newAccount();
        int jvmPort = start(jvm, false);
        int aotPort = start(aot, true);
        awaitSynced(jvmPort);
        awaitSynced(aotPort);

        // registered from the definitions computed at build time (no schema generated at startup), and
        // the same bytes as definitions generated here, in this JVM, by core's definition code
        Map<String, String> generated = new TreeMap<>();
        for (Class<?> tools : List.of(OrderTools.class, CallbackTools.class)) {
            ToolDefinitions.fromClass(tools).forEach(tool -> generated.put(tool.name(), tool.inputSchema().toString()));
        }
        assertThat(TARGET.resolve("classes/" + ToolCatalog.RESOURCE)).as("written by process-aot").exists();
        assertThat(schemas(aot)).containsOnlyKeys("lookupOrder", "bookCallback").isEqualTo(generated)
                .isEqualTo(schemas(jvm));
        assertThat(Files.readString(TARGET.resolve("aot-mode-it-aot.log"))).contains("Starting AOT-processed")
                .doesNotContain("generating the schema");
        assertThat(emulator.client(aot.apiKey()).webhooks().list()).singleElement()
                .satisfies(webhook -> assertThat(webhook.url()).startsWith("http://127.0.0.1:" + aotPort + "/"));

        Call call = emulator.placeCall(aot, CallScript.builder()
                .from("+4915112345678")
                .user("Where is my order A-1001?")
                .toolCall("lookupOrder", Map.of("orderNumber", "A-1001"))
                .endedBy("customer-ended")
                .summary("Asked about A-1001.")
                .build());

        assertThat(emulator.toolInvocations()).filteredOn(invocation -> call.id().equals(invocation.callId()))
                .singleElement().satisfies(invocation -> {
                    assertThat(invocation.succeeded()).isTrue();
                    assertThat(invocation.result()).isEqualTo("I could not find order A-1001. Could you check the "
                            + "number?"); // the app's own database has no sample orders outside the tests
                });
        assertThat(emulator.deliveries()).filteredOn(delivery -> delivery.body().contains(call.id()))
                .isNotEmpty().allSatisfy(delivery -> assertThat(delivery.succeeded()).isTrue());
        JsonText stored = get(aotPort, "/calls/" + call.id());
        assertThat(stored.status()).isEqualTo(200);
        assertThat(stored.body()).contains("Asked about A-1001.");
    }

    /** Starts the packaged app in a JVM of its own; its key, base URL and public URL come at runtime. */
    private static int start(EmulatorAccount account, boolean aotMode) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String classPath = TARGET.resolve("classes").toAbsolutePath() + File.pathSeparator
                + Files.readString(TARGET.resolve("runtime-class-path.txt")).strip();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classPath));
        if (aotMode) {
            command.add("-Dspring.aot.enabled=true");
        }
        command.addAll(List.of(OrderDeskApplication.class.getName(),
                "--server.port=" + port,
                "--server.address=127.0.0.1",
                "--fonella.api-key=" + account.apiKey(),
                "--fonella.base-url=" + emulator.baseUrl(),
                "--fonella.public-url=http://127.0.0.1:" + port));
        Path log = TARGET.resolve("aot-mode-it-" + (aotMode ? "aot" : "jvm") + ".log");
        apps.add(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start());
        return port;
    }

    private static void awaitSynced(int port) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .untilAsserted(() -> assertThat(get(port, "/actuator/health/fonella").body())
                        .contains("\"sync\":\"SYNCED\""));
    }

    private static Map<String, String> schemas(EmulatorAccount account) {
        Map<String, String> schemas = new TreeMap<>();
        for (Tool tool : emulator.client(account.apiKey()).tools().list()) {
            schemas.put(tool.name(), tool.inputSchema().toString());
        }
        return schemas;
    }

    private static JsonText get(int port, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new JsonText(response.statusCode(), response.body());
    }

    private record JsonText(int status, String body) {
    }
}
