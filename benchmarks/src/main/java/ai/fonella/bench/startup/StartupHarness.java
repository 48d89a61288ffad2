package ai.fonella.bench.startup;

import static ai.fonella.bench.Stats.ci95;
import static ai.fonella.bench.Stats.mean;
import static ai.fonella.bench.Stats.median;

import ai.fonella.test.FonellaEmulator;
import ai.fonella.test.RecordedRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.springframework.boot.SpringApplicationAotProcessor;

/**
 * Issue 7, item 6: starts {@link StartupApp} in a fresh JVM per measurement, rotating the order of
 * its modes in every round, and reports refresh-to-ready times (mean, 95% confidence interval,
 * median) and, for the sync mode, the HTTP requests the app sent to a {@link FonellaEmulator}
 * running in this process, counted with its request recording.
 *
 * <ul>
 * <li>{@code without}: the same app without the starter's jar on the class path (so that nothing of
 * it runs: neither its auto-configuration nor what it registers in {@code spring.factories});</li>
 * <li>{@code starter}: the starter without an API key (endpoints, discovery, schemas; no sync);</li>
 * <li>{@code starter+sync}: the starter syncing its 20 tools to the emulator, where they are
 * already registered and unchanged (the harness registers them once first, and reports that
 * first sync's requests too);</li>
 * <li>{@code catalog} and {@code catalog+sync}: the same two with the tool definitions a build wrote
 * ({@code META-INF/fonella/tools.json}, as Spring AOT writes it) on the class path.</li>
 * <li>{@code aot-without}, {@code aot} and {@code aot+sync}: the app processed ahead of time as
 * {@code spring-boot:process-aot} does it ({@link SpringApplicationAotProcessor}, no key and no public
 * URL, without the starter's jar for {@code aot-without}), its generated sources compiled, and started with
 * {@code -Dspring.aot.enabled=true}; these compare with {@code aot-without}.</li>
 * <li>{@code cache-} before any of these modes: the same, started with a cache the JDK makes from a
 * training start, as Spring Boot documents it: the mode's warm-up start, run with
 * {@code -Dspring.context.exit=onRefresh} (the app exits once its context is refreshed). On JDK 25
 * and later a JDK AOT cache (JEP 483 and 514: {@code -XX:AOTCacheOutput}, then {@code -XX:AOTCache}
 * in every measured start); before, a dynamic class data sharing archive
 * ({@code -XX:ArchiveClassesAtExit}, then {@code -XX:SharedArchiveFile}). Directories on the class
 * path go into jars first, which both require. {@code cache-without} and {@code cache-aot-without}
 * are their baselines.</li>
 * </ul>
 *
 * <p>Usage: {@code StartupHarness [rounds]} (default 10); the environment variable {@code MODES} (a
 * comma-separated list) keeps only some modes, e.g. {@code MODES=without,catalog,aot-without,aot}.
 * Children run with the harness's class path.
 */
public final class StartupHarness {

    /** A mode argument that puts a directory in front of the child's class path. */
    private static final String CLASS_PATH_PREFIX = "classpath-prefix:";
    /** A mode argument for the child JVM rather than the app. */
    private static final String JVM = "jvm:";
    /** A mode argument: the child's class path leaves out the starter's jar (or classes). */
    private static final String NO_STARTER = "classpath-without-starter";
    /** A mode argument: the child runs with the JDK cache in this file, made by its first start. */
    private static final String CACHE = "aot-cache:";
    /** The mode name prefix of the modes started with a JDK cache (an AOT cache, or a CDS archive). */
    private static final String CACHED = "cache-";

    /** Whether this JDK makes AOT caches (JEP 514); before 25, the cache is a dynamic CDS archive. */
    private static final boolean AOT_CACHE = Runtime.version().feature() >= 25;

    private static final Pattern LINE = Pattern.compile(
            "STARTUP refreshToReadyMs=([0-9.]+) runMs=([0-9.]+) uptimeAtReadyMs=([0-9]+) tools=([0-9]+)");

    private StartupHarness() {
    }

    record Run(double refreshToReady, double run, long uptime, int tools) {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        try (FonellaEmulator emulator = FonellaEmulator.builder().start()) {
            Map<String, List<String>> modes = new LinkedHashMap<>();
            modes.put("without", List.of(NO_STARTER));
            modes.put("starter", List.of());
            List<String> sync = List.of("--fonella.api-key=" + emulator.apiKey(),
                    "--fonella.base-url=" + emulator.baseUrl(), "--fonella.public-url=https://bench.example.com",
                    "--fonella.webhooks.register=false", "--fonella.tools.fail-fast=true");
            modes.put("starter+sync", sync);
            // the same, with the definitions a build wrote (ToolCatalog) on the class path
            Path catalog = Files.createTempDirectory("fonella-catalog");
            ColdDefinitions.main(new String[] {"--write", catalog.toString()});
            List<String> withCatalog = List.of(CLASS_PATH_PREFIX + catalog);
            modes.put("catalog", withCatalog);
            List<String> catalogSync = new ArrayList<>(withCatalog);
            catalogSync.addAll(sync);
            modes.put("catalog+sync", catalogSync);
            List<String> only = System.getenv("MODES") == null ? null : List.of(System.getenv("MODES").split(","));
            if (only == null || only.stream().anyMatch(mode -> mode.startsWith("aot") || mode.startsWith(CACHED + "aot"))) {
                // processed ahead of time, as a build server would: without a key, the starter excluded or not
                String aotOn = JVM + "-Dspring.aot.enabled=true";
                modes.put("aot-without", List.of(CLASS_PATH_PREFIX + processAot(true), aotOn, NO_STARTER));
                Path aot = processAot(false);
                modes.put("aot", List.of(CLASS_PATH_PREFIX + aot, aotOn));
                List<String> aotSync = new ArrayList<>(modes.get("aot"));
                aotSync.addAll(sync);
                modes.put("aot+sync", aotSync);
            }
            Path caches = Files.createTempDirectory("fonella-jdk-cache");
            deleteOnExit(caches);
            for (String mode : List.copyOf(modes.keySet())) {
                List<String> cached = new ArrayList<>(modes.get(mode));
                cached.add(CACHE + caches.resolve(mode.replace('+', '_') + (AOT_CACHE ? ".aot" : ".jsa")));
                modes.put(CACHED + mode, cached);
            }
            if (only != null) { // each kept mode keeps its baseline
                modes.keySet().removeIf(mode -> !only.contains(mode) && only.stream().noneMatch(kept -> baseline(kept)
                        .equals(mode)));
            }

            emulator.clearRecordings();
            Run first = start(sync); // registers the 20 tools, so that every sync mode finds them unchanged
            System.out.println("first sync (20 new tools): " + describe(emulator.requests()) + "; tools=" + first.tools());
            for (List<String> mode : modes.values()) {
                start(mode); // warm-up: disk cache, CDS archive
            }

            Map<String, List<Run>> results = new LinkedHashMap<>();
            List<String> syncRequests = new ArrayList<>();
            modes.keySet().forEach(mode -> results.put(mode, new ArrayList<>()));
            List<String> names = new ArrayList<>(modes.keySet());
            System.out.printf(Locale.ROOT, "%-6s %-18s %15s %10s %15s%n", "round", "mode", "refresh->ready", "run()",
                    "JVM->ready");
            for (int round = 0; round < rounds; round++) {
                for (int k = 0; k < names.size(); k++) {
                    String mode = names.get((round + k) % names.size());
                    emulator.clearRecordings();
                    Run run = start(modes.get(mode));
                    results.get(mode).add(run);
                    System.out.printf(Locale.ROOT, "%-6d %-18s %12.1f ms %7.1f ms %12d ms%n", round + 1, mode,
                            run.refreshToReady(), run.run(), run.uptime());
                    if (mode.endsWith("sync")) {
                        syncRequests.add(describe(emulator.requests()));
                    }
                    if (!mode.endsWith("without") && run.tools() != 20) {
                        throw new IllegalStateException(mode + " found " + run.tools() + " tools, not 20");
                    }
                }
            }
            System.out.println();
            for (Map.Entry<String, List<Run>> entry : results.entrySet()) {
                String baseline = baseline(entry.getKey());
                double[] without = results.get(baseline).stream().mapToDouble(Run::refreshToReady).toArray();
                double[] refresh = entry.getValue().stream().mapToDouble(Run::refreshToReady).toArray();
                double[] total = entry.getValue().stream().mapToDouble(Run::uptime).toArray();
                // the same round's start of the baseline: slow drift of the machine cancels out
                double[] paired = new double[refresh.length];
                for (int i = 0; i < refresh.length; i++) {
                    paired[i] = refresh[i] - without[i];
                }
                System.out.printf(Locale.ROOT,
                        "SUMMARY %-18s refresh->ready %.1f ± %.1f ms (median %.1f), %+.1f ± %.1f ms vs %s "
                        + "(paired by round, median %+.1f); JVM->ready %.0f ± %.0f ms; n=%d%n",
                        entry.getKey(), mean(refresh), ci95(refresh), median(refresh), mean(paired), ci95(paired),
                        baseline, median(paired), mean(total), ci95(total), refresh.length);
            }
            System.out.println("sync of 20 unchanged tools, requests per start: " + syncRequests.stream().distinct()
                    .toList());
        }
    }

    /** The mode a mode is compared with: the same kind of start without the starter. */
    private static String baseline(String mode) {
        String cached = mode.startsWith(CACHED) ? CACHED : "";
        return cached + (mode.startsWith(cached + "aot") ? "aot-without" : "without");
    }

    private static Run start(List<String> modeArgs) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        modeArgs.stream().filter(arg -> arg.startsWith(JVM)).map(arg -> arg.substring(JVM.length()))
                .forEach(command::add);
        String prefix = modeArgs.stream().filter(arg -> arg.startsWith(CLASS_PATH_PREFIX))
                .map(arg -> arg.substring(CLASS_PATH_PREFIX.length()) + java.io.File.pathSeparator)
                .findFirst().orElse("");
        String classPath = prefix + classPath(modeArgs.contains(NO_STARTER));
        Path cache = modeArgs.stream().filter(arg -> arg.startsWith(CACHE))
                .map(arg -> Path.of(arg.substring(CACHE.length()))).findFirst().orElse(null);
        boolean training = cache != null && !Files.exists(cache);
        if (training) {
            // the first start of the mode (its warm-up) is the training run Spring Boot documents: the app
            // exits once its context is refreshed, before the web server and the sync start, and the JDK
            // writes the cache as it exits
            command.add((AOT_CACHE ? "-XX:AOTCacheOutput=" : "-XX:ArchiveClassesAtExit=") + cache);
            command.add("-Dspring.context.exit=onRefresh");
        } else if (cache != null && AOT_CACHE) {
            command.add("-XX:AOTCache=" + cache);
            command.add("-XX:AOTMode=on"); // a cache the JVM cannot use fails the start instead of being ignored
        } else if (cache != null) {
            command.add("-XX:SharedArchiveFile=" + cache);
            command.add("-Xshare:on"); // likewise
        }
        if (cache != null) {
            classPath = jarsOnly(classPath);
        }
        command.add("-cp");
        command.add(classPath);
        command.add(StartupApp.class.getName());
        command.add("--server.port=0");
        command.add("--server.address=127.0.0.1");
        command.add("--spring.main.banner-mode=off");
        command.add("--logging.level.root=WARN");
        modeArgs.stream().filter(arg -> !arg.startsWith(CLASS_PATH_PREFIX) && !arg.startsWith(JVM)
                && !arg.startsWith(CACHE) && !arg.equals(NO_STARTER)).forEach(command::add);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Run run = null;
        StringBuilder output = new StringBuilder();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                Matcher m = LINE.matcher(line);
                if (m.find()) {
                    run = new Run(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)),
                            Long.parseLong(m.group(3)), Integer.parseInt(m.group(4)));
                } else {
                    output.append(line).append('\n');
                }
            }
        }
        boolean exited = process.waitFor(120, TimeUnit.SECONDS); // a training start writes the cache as it exits
        if (!exited) {
            process.descendants().forEach(ProcessHandle::destroyForcibly); // the JVM that assembles a cache
            process.destroyForcibly();
        }
        if (training) {
            if (!exited || process.exitValue() != 0 || !Files.exists(cache)) {
                throw new IllegalStateException("The JDK wrote no cache at " + cache + ":\n" + output);
            }
            return null; // exited before it was ready
        }
        if (run == null) {
            throw new IllegalStateException("The app printed no STARTUP line:\n" + output);
        }
        return run;
    }

    /**
     * Processes {@link StartupApp} ahead of time in a JVM of its own, with the arguments a build would
     * give, compiles the generated sources and returns one directory with the generated classes and
     * resources (for the starter: {@code META-INF/fonella/tools.json} among them).
     */
    private static Path processAot(boolean withoutStarter) throws IOException, InterruptedException {
        Path out = Files.createTempDirectory("fonella-aot");
        deleteOnExit(out);
        Path sources = out.resolve("sources");
        Path classes = out.resolve("classes");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", classPath(withoutStarter),
                SpringApplicationAotProcessor.class.getName(), StartupApp.class.getName(), sources.toString(),
                classes.toString(), classes.toString(), "ai.fonella", "fonella-benchmarks"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("AOT processing failed:\n" + output);
        }
        List<String> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(path -> path.toString().endsWith(".java")).map(Path::toString).toList();
        }
        List<String> javac = new ArrayList<>(List.of("-d", classes.toString(), "-cp",
                classes + java.io.File.pathSeparator + classPath(withoutStarter), "-parameters",
                "-proc:none", "-nowarn"));
        javac.addAll(files);
        if (ToolProvider.getSystemJavaCompiler().run(null, null, null, javac.toArray(String[]::new)) != 0) {
            throw new IllegalStateException("Compiling the AOT sources in " + sources + " failed");
        }
        return classes;
    }

    private static final Map<String, String> JARS = new java.util.HashMap<>();

    /** A class path with every directory on it put into a jar of its own: a JDK cache takes jars only. */
    private static String jarsOnly(String classPath) throws IOException {
        List<String> entries = new ArrayList<>();
        for (String entry : classPath.split(java.io.File.pathSeparator)) {
            if (entry.isEmpty() || !Files.isDirectory(Path.of(entry))) {
                entries.add(entry);
                continue;
            }
            String jar = JARS.get(entry);
            if (jar == null) {
                Path file = Files.createTempFile("fonella-classes", ".jar");
                file.toFile().deleteOnExit();
                java.util.spi.ToolProvider tool = java.util.spi.ToolProvider.findFirst("jar").orElseThrow();
                if (tool.run(System.out, System.err, "cf", file.toString(), "-C", entry, ".") != 0) {
                    throw new IllegalStateException("Could not put " + entry + " into a jar");
                }
                jar = file.toString();
                JARS.put(entry, jar);
            }
            entries.add(jar);
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    /** The harness's class path, without the starter's entry when asked. */
    private static String classPath(boolean withoutStarter) {
        String full = System.getProperty("java.class.path");
        if (!withoutStarter) {
            return full;
        }
        List<String> kept = java.util.Arrays.stream(full.split(java.io.File.pathSeparator))
                .filter(entry -> !entry.contains("fonella-spring-boot-starter")).toList();
        if (kept.size() == full.split(java.io.File.pathSeparator).length) {
            throw new IllegalStateException("The starter is not on the class path: " + full);
        }
        return String.join(java.io.File.pathSeparator, kept);
    }

    private static void deleteOnExit(Path directory) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (Stream<Path> walk = Files.walk(directory)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                // a temporary directory left behind
            }
        }));
    }

    private static String describe(List<RecordedRequest> requests) {
        long lists = requests.stream().filter(r -> r.is("GET", "/v1/tools")).count();
        long writes = requests.stream().filter(r -> !r.method().equals("GET")).count();
        return requests.size() + " request(s): " + lists + " list, " + writes + " write(s) "
                + requests.stream().map(r -> r.method() + " " + r.path() + " " + r.status()).toList();
    }
}
