package ai.fonella.test;

import ai.fonella.webhook.SignatureScheme;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a {@link FonellaEmulator} on its own until the process is killed, for builds (Maven invoker
 * scenarios, the Fonella Maven plugin's integration tests) and people without Java test code.
 *
 * <pre>
 * java -cp fonella-test.jar:fonella-core.jar:... ai.fonella.test.FonellaEmulatorMain \
 *     [--port N] [--api-key fon_live_...]... [--port-file path] [--allow-external-requests]
 *     [--signature-scheme fonella|standard-webhooks]
 * </pre>
 *
 * <ul>
 *   <li>{@code --port N}: the port on 127.0.0.1; 0 (the default) for a free one</li>
 *   <li>{@code --api-key TOKEN}: repeatable; each seeds a separate account whose key has exactly this
 *       token; the first is the default account. Without it, a random key is generated.</li>
 *   <li>{@code --port-file PATH}: writes the bound port there once the emulator listens</li>
 *   <li>{@code --allow-external-requests}: lets deliveries and tool calls go to non-loopback hosts</li>
 *   <li>{@code --signature-scheme NAME}: how deliveries are signed, {@code fonella} (the default) or
 *       {@code standard-webhooks}; an app receiving them sets {@code fonella.webhooks.signature-scheme}
 *       to the same</li>
 * </ul>
 *
 * <p>It prints the base URL, the console's URL and the default account's API key on standard output.
 */
public final class FonellaEmulatorMain {

    private FonellaEmulatorMain() {
    }

    /**
     * Starts the emulator and waits until the process is killed.
     *
     * @param args the options above
     * @throws InterruptedException if the main thread is interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.println("Runs the Fonella API emulator on 127.0.0.1 until killed.");
            System.out.println(usage());
            return;
        }
        FonellaEmulator emulator;
        try {
            emulator = launch(args, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println("fonella-emulator: " + e.getMessage());
            System.err.println(usage());
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            stopped.countDown();
        }, "fonella-emulator-shutdown"));
        stopped.await();
    }

    /**
     * Starts an emulator as {@link #main} does, without waiting, and prints where it listens.
     *
     * @param args the options
     * @param out where the URL and API key are printed
     * @return the running emulator; the caller closes it
     * @throws IllegalArgumentException for unknown or malformed options, or {@code --help}
     */
    public static FonellaEmulator launch(String[] args, PrintStream out) {
        Options options = Options.parse(args);
        FonellaEmulator.Builder builder = FonellaEmulator.builder().port(options.port)
                .allowExternalRequests(options.allowExternalRequests).signatureScheme(options.signatureScheme);
        if (!options.apiKeys.isEmpty()) {
            builder.apiKey(options.apiKeys.get(0));
            options.apiKeys.stream().skip(1).forEach(builder::seedAccount);
        }
        FonellaEmulator emulator = builder.build().start();
        try {
            if (options.portFile != null) {
                writePortFile(options.portFile, emulator.port());
            }
        } catch (RuntimeException e) {
            emulator.close();
            throw e;
        }
        out.println("Fonella emulator listening on " + emulator.baseUrl());
        out.println("Console: " + emulator.consoleUrl() + " (open it in a browser on this machine)");
        out.println("API key: " + emulator.apiKey());
        if (options.signatureScheme != SignatureScheme.FONELLA) {
            out.println("Deliveries are signed with " + options.signatureScheme.name().toLowerCase(Locale.ROOT)
                    .replace('_', '-') + " (set fonella.webhooks.signature-scheme to the same)");
        }
        for (EmulatorAccount account : emulator.seededAccounts().subList(1, emulator.seededAccounts().size())) {
            out.println("Seeded account " + account.accountId() + " with API key " + account.apiKey());
        }
        out.println("Admin endpoints: " + emulator.baseUrl() + "/_emulator/ (info, accounts, calls, events, requests, "
                + "deliveries, tool-invocations, faults, latency, reset)");
        out.flush();
        return emulator;
    }

    /** Writes the port to a sibling temporary file first, so a reader never sees a partial file. */
    private static void writePortFile(Path file, int port) {
        try {
            Path absolute = file.toAbsolutePath();
            if (absolute.getParent() != null) {
                Files.createDirectories(absolute.getParent());
            }
            Path temp = absolute.resolveSibling(absolute.getFileName() + ".tmp");
            Files.writeString(temp, Integer.toString(port), StandardCharsets.US_ASCII);
            Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the port file " + file + ": " + e.getMessage(), e);
        }
    }

    static String usage() {
        return "usage: FonellaEmulatorMain [--port N] [--api-key fon_live_...]... [--port-file PATH] "
                + "[--allow-external-requests] [--signature-scheme fonella|standard-webhooks]";
    }

    private static final class Options {
        private int port;
        private final List<String> apiKeys = new ArrayList<>();
        private Path portFile;
        private boolean allowExternalRequests;
        private SignatureScheme signatureScheme = SignatureScheme.FONELLA;

        static Options parse(String[] args) {
            Options options = new Options();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
                String inline = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : null;
                switch (name) {
                    case "--port" -> {
                        String value = inline != null ? inline : value(args, ++i, name);
                        try {
                            options.port = Integer.parseInt(value);
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException("--port must be a number, but was '" + value + "'");
                        }
                        if (options.port < 0 || options.port > 65535) {
                            throw new IllegalArgumentException("--port must be between 0 and 65535");
                        }
                    }
                    case "--api-key" -> options.apiKeys.add(inline != null ? inline : value(args, ++i, name));
                    case "--port-file" -> options.portFile = Path.of(inline != null ? inline : value(args, ++i, name));
                    case "--allow-external-requests" -> options.allowExternalRequests = true;
                    case "--signature-scheme" -> {
                        String value = inline != null ? inline : value(args, ++i, name);
                        try {
                            options.signatureScheme = SignatureScheme.fromName(value);
                        } catch (IllegalArgumentException e) {
                            throw new IllegalArgumentException("--signature-scheme: " + e.getMessage(), e);
                        }
                    }
                    default -> throw new IllegalArgumentException("unknown option '" + arg + "'");
                }
            }
            return options;
        }

        private static String value(String[] args, int index, String name) {
            if (index >= args.length || args[index].startsWith("--")) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            return args[index];
        }
    }
}
