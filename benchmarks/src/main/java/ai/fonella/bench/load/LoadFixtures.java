package ai.fonella.bench.load;

import ai.fonella.bench.app.BenchApp;
import ai.fonella.bench.tools.BookingTools;
import ai.fonella.bench.tools.CallEvents;
import ai.fonella.webhook.SignatureScheme;
import ai.fonella.webhook.WebhookSigner;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Writes what {@code benchmarks/load.sh} feeds wrk: the tool arguments body, and
 * {@code webhooks.tsv} with one signed {@code call.ended} delivery per line
 * ({@code <X-Fonella-Signature>\t<body>}), each with its own event id, signed now.
 *
 * <p>Usage: {@code LoadFixtures <dir> <count> <id-prefix>}
 */
public final class LoadFixtures {

    private LoadFixtures() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        String prefix = args[2];
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("tool-body.json"), BookingTools.ARGUMENTS_JSON);
        WebhookSigner signer = WebhookSigner.of(SignatureScheme.FONELLA, BenchApp.WEBHOOK_SECRET);
        Instant now = Instant.now();
        try (Writer out = Files.newBufferedWriter(dir.resolve("webhooks.tsv"), StandardCharsets.UTF_8)) {
            for (int i = 0; i < count; i++) {
                String id = "evt_" + prefix + "_" + i;
                byte[] body = CallEvents.callEndedBody(id, CallEvents.TRANSCRIPT_MESSAGES);
                String signature = signer.sign(id, now, body).get(SignatureScheme.FONELLA_SIGNATURE_HEADER);
                out.write(signature);
                out.write('\t');
                out.write(new String(body, StandardCharsets.UTF_8));
                out.write('\n');
            }
        }
    }
}
