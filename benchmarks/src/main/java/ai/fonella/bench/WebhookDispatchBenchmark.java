package ai.fonella.bench;

import ai.fonella.bench.tools.CallEvents;
import ai.fonella.event.DispatchResult;
import ai.fonella.event.EventDispatcher;
import ai.fonella.event.HandlerOutcome;
import ai.fonella.event.InMemoryEventDeduplicationStore;
import ai.fonella.model.Call;
import ai.fonella.webhook.SignatureScheme;
import ai.fonella.webhook.WebhookSigner;
import ai.fonella.webhook.WebhookVerifier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 7, item 4: one webhook delivery in process: verify the signature, parse a {@code call.ended}
 * event with a 200-message transcript, deduplicate, dispatch to one handler. Deliveries cycle
 * through {@value #DISTINCT} pre-signed events with distinct ids, and the deduplication store keeps
 * only {@value #REMEMBERED}, so every delivery is new and its handler runs.
 *
 * <p>{@code handWritten} is the same work without the SDK: a bare {@link Mac} check of the same
 * header, Jackson binding of the same body to the same {@link Call} record, a bounded map for
 * deduplication, a direct call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class WebhookDispatchBenchmark {

    static final int DISTINCT = 1024;
    static final int REMEMBERED = 256;
    private static final String SECRET = "whsec_bench_" + "s".repeat(32);

    private byte[][] bodies;
    private Map<String, String>[] headers;
    private int next;
    private WebhookVerifier verifier;
    private EventDispatcher dispatcher;
    private CallEvents handler;
    private Mac mac;
    private JsonMapper handMapper;
    private Map<String, Boolean> handSeen;

    /** The envelope a hand-written endpoint would bind. */
    public record Envelope(String id, String type, Instant createdAt, Data data) {
        public record Data(Call call) {
        }
    }

    @SuppressWarnings("unchecked")
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        WebhookSigner signer = WebhookSigner.of(SignatureScheme.FONELLA, SECRET);
        bodies = new byte[DISTINCT][];
        headers = new Map[DISTINCT];
        Instant now = Instant.now();
        for (int i = 0; i < DISTINCT; i++) {
            bodies[i] = CallEvents.callEndedBody("evt_" + i, CallEvents.TRANSCRIPT_MESSAGES);
            headers[i] = signer.sign("evt_" + i, now, bodies[i]);
        }
        verifier = WebhookVerifier.builder().secret(SECRET).build();
        handler = new CallEvents();
        dispatcher = EventDispatcher.builder()
                .listener(handler)
                .deduplicationStore(new InMemoryEventDeduplicationStore(REMEMBERED, Duration.ofHours(1),
                        Clock.systemUTC()))
                .build();
        mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        handMapper = JsonMapper.builder().build();
        handSeen = new LinkedHashMap<>(REMEMBERED * 2, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > REMEMBERED;
            }
        };
        if (fonellaDispatch().outcomes().get(0).status() != HandlerOutcome.Status.SUCCEEDED
                || !handWritten()) {
            throw new IllegalStateException("set-up: the handler did not run");
        }
        System.out.println("body bytes: " + bodies[0].length);
    }

    private int nextIndex() {
        int i = next;
        next = i + 1 == DISTINCT ? 0 : i + 1;
        return i;
    }

    @Benchmark
    public DispatchResult fonellaDispatch() {
        int i = nextIndex();
        byte[] body = bodies[i];
        verifier.verify(body, headers[i]::get);
        return dispatcher.dispatch(body);
    }

    @Benchmark
    public boolean handWritten() {
        int i = nextIndex();
        byte[] body = bodies[i];
        String header = headers[i].get("X-Fonella-Signature");
        int comma = header.indexOf(',');
        String t = header.substring(2, comma);
        byte[] given = HexFormat.of().parseHex(header.substring(comma + 4));
        if (Math.abs(Instant.now().getEpochSecond() - Long.parseLong(t)) > 300) {
            throw new IllegalStateException("stale");
        }
        mac.update(t.getBytes(StandardCharsets.US_ASCII));
        mac.update((byte) '.');
        if (!MessageDigest.isEqual(mac.doFinal(body), given)) {
            throw new IllegalStateException("bad signature");
        }
        Envelope envelope = handMapper.readValue(body, Envelope.class);
        synchronized (handSeen) {
            if (handSeen.putIfAbsent(envelope.id(), Boolean.TRUE) != null) {
                return false;
            }
        }
        Call call = envelope.data().call();
        handler.onCallEnded(call.id(), call.transcriptMessages().size());
        return true;
    }

    /** Only the parse of the body into the typed event (part of {@code fonellaDispatch}). */
    @Benchmark
    public Object fonellaParseOnly() {
        return ai.fonella.event.FonellaEvents.parse(bodies[nextIndex()]);
    }

    /** Only Jackson's tree of the body (part of every variant). */
    @Benchmark
    public JsonNode jacksonTreeOnly() {
        return handMapper.readTree(bodies[nextIndex()]);
    }
}
