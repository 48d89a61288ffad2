package ai.fonella.bench;

import ai.fonella.webhook.SignatureScheme;
import ai.fonella.webhook.WebhookSigner;
import ai.fonella.webhook.WebhookVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 7, item 3: {@link WebhookVerifier#verify} (header parsing, timestamp check, HMAC-SHA-256,
 * constant-time compare) against a bare {@link Mac} HMAC-SHA-256 over the same bytes, the physical
 * limit. Throughput in verifications per second; the ratio is fonella / bare.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class SignatureVerificationBenchmark {

    @Param({"1024", "65536", "1048576"})
    public int bodyBytes;

    private byte[] body;
    private Map<String, String> headers;
    private WebhookVerifier verifier;
    private Mac bare;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        body = new byte[bodyBytes];
        Random random = new Random(42);
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) (' ' + random.nextInt(95)); // printable, JSON-like bytes
        }
        String secret = "whsec_bench_" + "s".repeat(32);
        headers = WebhookSigner.of(SignatureScheme.FONELLA, secret).sign("evt_1", Instant.now(), body);
        verifier = WebhookVerifier.builder().secret(secret).build();
        bare = Mac.getInstance("HmacSHA256");
        bare.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        verifier.verify(body, headers::get); // throws if the set-up is wrong
    }

    @Benchmark
    public Object fonellaVerify() {
        return verifier.verify(body, headers::get);
    }

    /** HMAC-SHA-256 of the body alone with an initialized, reused Mac: nothing to parse, nothing to compare. */
    @Benchmark
    public byte[] bareHmac() {
        return bare.doFinal(body);
    }
}
