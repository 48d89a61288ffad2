package ai.fonella.bench.app;

import ai.fonella.bench.tools.BookingTools;
import ai.fonella.bench.tools.CallEvents;
import ai.fonella.model.Call;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hand-written baselines: what a developer writes without the SDK. The tool endpoint reads the
 * JSON, checks the secret header in constant time, calls the same method on the same bean and
 * writes {@code {"result": ...}}; no deadline, no problem details. The webhook endpoint checks the
 * same {@code X-Fonella-Signature} header with a bare {@link Mac} (timestamp within 300 s,
 * constant-time compare), binds the body to the same {@link Call} record with Jackson, drops
 * duplicates with a bounded map and calls the same handler.
 */
@RestController
class ManualController {

    private static final int REMEMBERED = 256;

    private final BookingTools tools;
    private final CallEvents events;
    private final JsonMapper mapper = JsonMapper.builder().build();
    private final byte[] toolSecret = BenchApp.TOOL_SECRET.getBytes(StandardCharsets.UTF_8);
    private final SecretKeySpec webhookKey = new SecretKeySpec(
            BenchApp.WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    private final Map<String, Boolean> seen = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    };

    ManualController(BookingTools tools, CallEvents events) {
        this.tools = tools;
        this.events = events;
    }

    @PostMapping("/manual/tools/bookTable")
    ResponseEntity<Map<String, String>> bookTable(
            @RequestHeader(name = "X-Fonella-Tool-Secret", required = false) String secret,
            @RequestBody byte[] body) {
        if (secret == null || !MessageDigest.isEqual(toolSecret, secret.getBytes(StandardCharsets.UTF_8))) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).build();
        }
        JsonNode node = mapper.readTree(body);
        String name = node.get("customerName").asString();
        BookingTools.Seating seating = BookingTools.Seating.valueOf(node.get("seating").asString());
        BookingTools.Party party = mapper.treeToValue(node.get("party"), BookingTools.Party.class);
        return ResponseEntity.ok(Map.of("result", tools.bookTable(name, seating, party)));
    }

    /** The envelope a hand-written endpoint binds. */
    record Envelope(String id, String type, Instant createdAt, Data data) {
        record Data(Call call) {
        }
    }

    @PostMapping("/manual/webhooks")
    ResponseEntity<Map<String, Object>> webhook(
            @RequestHeader(name = "X-Fonella-Signature", required = false) String signature,
            @RequestBody byte[] body) throws Exception {
        if (!verified(signature, body)) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).build();
        }
        Envelope envelope = mapper.readValue(body, Envelope.class);
        boolean fresh;
        synchronized (seen) {
            fresh = seen.putIfAbsent(envelope.id(), Boolean.TRUE) == null;
        }
        if (fresh) {
            Call call = envelope.data().call();
            events.onCallEnded(call.id(), call.transcriptMessages().size());
        }
        return ResponseEntity.ok(Map.of("received", true, "eventId", envelope.id()));
    }

    private boolean verified(String header, byte[] body) throws Exception {
        if (header == null || !header.startsWith("t=")) {
            return false;
        }
        int comma = header.indexOf(",v1=");
        if (comma < 0 || header.length() != comma + 4 + 64) {
            return false;
        }
        String t = header.substring(2, comma);
        if (Math.abs(Instant.now().getEpochSecond() - Long.parseLong(t)) > 300) {
            return false;
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(webhookKey);
        mac.update(t.getBytes(StandardCharsets.US_ASCII));
        mac.update((byte) '.');
        return MessageDigest.isEqual(mac.doFinal(body), HexFormat.of().parseHex(header, comma + 4, header.length()));
    }
}
