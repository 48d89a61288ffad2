package ai.fonella.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import ai.fonella.webhook.HeaderLookup;
import ai.fonella.webhook.SignatureScheme;
import ai.fonella.webhook.VerifiedWebhook;
import ai.fonella.webhook.WebhookSigner;
import ai.fonella.webhook.WebhookVerificationException;
import ai.fonella.webhook.WebhookVerifier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 8, item 17: properties of {@link WebhookSigner} and {@link WebhookVerifier} over generated
 * secrets, timestamps, bodies and headers, for both signature schemes.
 *
 * <ul>
 *   <li>For any secret, timestamp and body, {@code verify(sign(x))} succeeds and reports the signed
 *   timestamp.</li>
 *   <li>Any single-bit flip in the body, in the timestamp or in the signature is rejected. The
 *   verifier compares decoded MAC bytes, so a flip that leaves the decoded MAC unchanged (the case of a
 *   hex letter, or one of the two unused low bits of base64's last character) is the same signature,
 *   not a forgery; the property asserts exactly that and nothing weaker.</li>
 *   <li>On arbitrary header values the verifier throws nothing but
 *   {@link WebhookVerificationException}.</li>
 * </ul>
 */
class WebhookSignaturePropertyTests {

    static LongStream seeds() {
        return Generators.seeds();
    }

    /** One signed delivery. */
    record Signed(SignatureScheme scheme, String secret, String messageId, long timestamp, byte[] body,
            Map<String, String> headers) {

        @Override
        public String toString() {
            return "Signed[" + scheme + ", t=" + timestamp + ", body " + body.length + " bytes, headers " + headers
                    + "]";
        }
    }

    static Signed signed(SplittableRandom random) {
        SignatureScheme scheme = random.nextBoolean() ? SignatureScheme.FONELLA : SignatureScheme.STANDARD_WEBHOOKS;
        String secret = scheme == SignatureScheme.FONELLA ? Generators.fonellaSecret(random)
                : Generators.standardSecret(random);
        String messageId = "msg_" + Generators.text(random, 30);
        long timestamp = Generators.timestamp(random);
        byte[] body = Generators.body(random);
        Map<String, String> headers = WebhookSigner.of(scheme, secret)
                .sign(messageId, Instant.ofEpochSecond(timestamp), body);
        return new Signed(scheme, secret, messageId, timestamp, body, headers);
    }

    /** A verifier that checks the timestamp against a clock up to the tolerance away from it, or not at all. */
    static WebhookVerifier verifier(SplittableRandom random, Signed signed) {
        WebhookVerifier.Builder builder = WebhookVerifier.builder().scheme(signed.scheme()).secret(signed.secret());
        if (random.nextBoolean()) {
            return builder.tolerance(Duration.ZERO).build();
        }
        long drift = random.nextLong(-300, 301);
        return builder.clock(Clock.fixed(Instant.ofEpochSecond(signed.timestamp() + drift), ZoneOffset.UTC)).build();
    }

    /** The headers as a lookup, found under names in any letter case. */
    static HeaderLookup lookup(SplittableRandom random, Map<String, String> headers) {
        Map<String, String> renamed = new LinkedHashMap<>();
        headers.forEach((name, value) -> renamed.put(Generators.anyCase(random, name), value));
        return HeaderLookup.of(renamed);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void verifiesWhateverItSigns(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < Generators.CASES; i++) {
            Signed signed = signed(random);
            WebhookVerifier verifier = verifier(random, signed);
            VerifiedWebhook verified;
            try {
                verified = verifier.verify(signed.body(), lookup(random, signed.headers()));
            } catch (WebhookVerificationException e) {
                throw new AssertionError("seed " + seed + ", case " + i + ": " + signed + " was rejected: "
                        + e.reason(), e);
            }
            assertThat(verified.timestamp()).as("seed %d, case %d", seed, i)
                    .isEqualTo(Instant.ofEpochSecond(signed.timestamp()));
            assertThat(verified.messageId()).isEqualTo(signed.scheme() == SignatureScheme.FONELLA ? null
                    : signed.messageId());
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void rejectsEverySingleBitFlipOfTheBody(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < Generators.CASES; i++) {
            Signed signed = signed(random);
            if (signed.body().length == 0) {
                continue;
            }
            WebhookVerifier verifier = verifier(random, signed);
            int bits = signed.body().length * 8;
            // the first and last bit, and 16 more anywhere; every bit of one small body per seed
            int[] flips = i == 0 && bits <= 4096 ? java.util.stream.IntStream.range(0, bits).toArray()
                    : java.util.stream.IntStream.concat(java.util.stream.IntStream.of(0, bits - 1),
                            random.ints(16, 0, bits)).toArray();
            for (int bit : flips) {
                byte[] tampered = signed.body().clone();
                tampered[bit / 8] ^= (byte) (1 << (bit % 8));
                expectRejection(verifier, tampered, signed.headers(), "seed " + seed + ", case " + i + ", body bit "
                        + bit + " of " + signed);
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void rejectsEverySingleBitFlipOfTheTimestamp(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < Generators.CASES; i++) {
            Signed signed = signed(random);
            WebhookVerifier verifier = verifier(random, signed);
            String name = timestampHeader(signed.scheme());
            String value = signed.headers().get(name);
            int start = signed.scheme() == SignatureScheme.FONELLA ? 2 : 0;
            int end = signed.scheme() == SignatureScheme.FONELLA ? value.indexOf(',') : value.length();
            // every bit of every digit in the first two cases of each seed, 24 random ones in the others
            int[] flips = i < 2 ? java.util.stream.IntStream.range(start * 8, end * 8).toArray()
                    : random.ints(24, start * 8, end * 8).toArray();
            for (int flip : flips) {
                int position = flip / 8;
                int bit = flip % 8;
                {
                    char[] chars = value.toCharArray();
                    chars[position] ^= (char) (1 << bit);
                    Map<String, String> headers = new HashMap<>(signed.headers());
                    headers.put(name, new String(chars));
                    expectRejection(verifier, signed.body(), headers, "seed " + seed + ", case " + i
                            + ", timestamp character " + position + " bit " + bit + " of " + signed);
                }
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void rejectsEverySingleBitFlipOfTheSignature(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < Generators.CASES; i++) {
            Signed signed = signed(random);
            WebhookVerifier verifier = verifier(random, signed);
            String name = signatureHeader(signed.scheme());
            String header = signed.headers().get(name);
            String prefix = signed.scheme() == SignatureScheme.FONELLA ? header.substring(0, header.indexOf("v1=") + 3)
                    : "v1,";
            String encoded = header.substring(prefix.length());
            byte[] mac = decode(signed.scheme(), encoded);
            String context = "seed " + seed + ", case " + i + " of " + signed;

            // the bits of the MAC itself, encoded as the signer encodes: all of them in the first case of
            // each seed, 24 random ones in the others
            boolean exhaustive = i < 2;
            int[] macBits = exhaustive ? java.util.stream.IntStream.range(0, mac.length * 8).toArray()
                    : random.ints(24, 0, mac.length * 8).toArray();
            for (int bit : macBits) {
                byte[] flipped = mac.clone();
                flipped[bit / 8] ^= (byte) (1 << (bit % 8));
                Map<String, String> headers = new HashMap<>(signed.headers());
                headers.put(name, prefix + encode(signed.scheme(), flipped));
                expectRejection(verifier, signed.body(), headers, context + ", MAC bit " + bit);
            }
            // the bits of the characters of the encoded signature as sent: all of them in the first case of
            // each seed, 24 random ones in the others
            int[] textBits = exhaustive ? java.util.stream.IntStream.range(0, encoded.length() * 8).toArray()
                    : random.ints(24, 0, encoded.length() * 8).toArray();
            for (int textBit : textBits) {
                int position = textBit / 8;
                int bit = textBit % 8;
                {
                    char[] chars = encoded.toCharArray();
                    chars[position] ^= (char) (1 << bit);
                    String tampered = new String(chars);
                    Map<String, String> headers = new HashMap<>(signed.headers());
                    headers.put(name, prefix + tampered);
                    if (spellsMac(signed.scheme(), prefix + tampered, mac)) {
                        // another spelling of the very same MAC (a hex letter's case, base64's unused bits or
                        // padding): the verifier compares decoded bytes, so this is the same signature, no forgery
                        continue;
                    }
                    expectRejection(verifier, signed.body(), headers, context + ", signature character " + position
                            + " bit " + bit);
                }
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void throwsNothingButVerificationFailuresOnArbitraryHeaders(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        String secret = Generators.standardSecret(random);
        byte[] body = Generators.body(random);
        long now = 1_700_000_000L;
        Clock clock = Clock.fixed(Instant.ofEpochSecond(now), ZoneOffset.UTC);
        String goodHex = WebhookSigner.of(SignatureScheme.FONELLA, secret).signature(null, now, body);
        List<WebhookVerifier> verifiers = List.of(
                WebhookVerifier.builder().secret(secret).clock(clock).build(),
                WebhookVerifier.builder().scheme(SignatureScheme.STANDARD_WEBHOOKS).secret(secret).clock(clock).build());
        for (int i = 0; i < Generators.CASES * 4; i++) {
            Map<String, String> headers = new HashMap<>();
            headers.put(Generators.anyCase(random, SignatureScheme.FONELLA_SIGNATURE_HEADER),
                    headerValue(random, now, goodHex));
            headers.put(SignatureScheme.WEBHOOK_ID_HEADER, random.nextInt(5) == 0 ? null : Generators.text(random, 40));
            headers.put(SignatureScheme.WEBHOOK_TIMESTAMP_HEADER, random.nextInt(5) == 0 ? null
                    : random.nextBoolean() ? Long.toString(now + random.nextInt(-400, 400))
                    : headerValue(random, now, goodHex));
            headers.put(SignatureScheme.WEBHOOK_SIGNATURE_HEADER, random.nextInt(5) == 0 ? null
                    : headerValue(random, now, goodHex).replace("v1=", "v1,").replace(',', random.nextBoolean() ? ' '
                            : ','));
            for (WebhookVerifier verifier : verifiers) {
                try {
                    verifier.verify(body, HeaderLookup.of(headers));
                } catch (WebhookVerificationException expected) {
                    assertThat(expected.reason()).isNotNull();
                    assertThat(expected.getMessage()).isNotBlank().doesNotContain(secret, goodHex);
                } catch (RuntimeException | Error e) {
                    fail("seed " + seed + ", case " + i + ": " + verifier.scheme() + " threw " + e + " for headers "
                            + headers, e);
                }
            }
        }
    }

    /** Arbitrary strings, biased towards the header grammar, sometimes longer than the 16 KiB limit. */
    static String headerValue(SplittableRandom random, long now, String goodHex) {
        String[] tokens = {"t=", "v1=", "v0=", "v2=", ",", ",,", "=", "==", " ", "\t", "t=" + now, "v1=" + goodHex,
            goodHex, "-", "+", "0", "017", "1.7e9", "abc", "123junk", Long.toString(Long.MIN_VALUE),
            Long.toString(Long.MAX_VALUE), "9".repeat(400), "\u0000", "é", "😀", "\r\n", ";", "v1,", "whsec_"};
        StringBuilder value = new StringBuilder();
        int kind = random.nextInt(10);
        if (kind == 0) {
            return Generators.text(random, 300);
        }
        int parts = kind == 1 ? 3000 : random.nextInt(12);
        for (int i = 0; i < parts; i++) {
            value.append(random.nextInt(4) == 0 ? Generators.text(random, 8) : tokens[random.nextInt(tokens.length)]);
        }
        return value.toString();
    }

    private static void expectRejection(WebhookVerifier verifier, byte[] body, Map<String, String> headers,
            String context) {
        try {
            verifier.verify(body, HeaderLookup.of(headers));
        } catch (WebhookVerificationException expected) {
            return;
        } catch (RuntimeException | Error e) {
            fail(context + ": threw " + e + " instead of a WebhookVerificationException", e);
        }
        fail(context + ": the tampered delivery was accepted");
    }

    /** Whether a signature header, read the way the verifier reads it, carries exactly this MAC. */
    private static boolean spellsMac(SignatureScheme scheme, String header, byte[] mac) {
        if (scheme == SignatureScheme.FONELLA) {
            for (String part : header.split(",", -1)) {
                String item = part.strip();
                if (item.startsWith("v1=") && item.length() == 3 + 64
                        && Arrays.equals(decodeOrNull(scheme, item.substring(3)), mac)) {
                    return true;
                }
            }
            return false;
        }
        for (String token : header.strip().split(" +")) {
            if (token.startsWith("v1,") && Arrays.equals(decodeOrNull(scheme, token.substring(3)), mac)) {
                return true;
            }
        }
        return false;
    }

    private static String timestampHeader(SignatureScheme scheme) {
        return scheme == SignatureScheme.FONELLA ? SignatureScheme.FONELLA_SIGNATURE_HEADER
                : SignatureScheme.WEBHOOK_TIMESTAMP_HEADER;
    }

    private static String signatureHeader(SignatureScheme scheme) {
        return scheme == SignatureScheme.FONELLA ? SignatureScheme.FONELLA_SIGNATURE_HEADER
                : SignatureScheme.WEBHOOK_SIGNATURE_HEADER;
    }

    private static byte[] decode(SignatureScheme scheme, String encoded) {
        return scheme == SignatureScheme.FONELLA ? HexFormat.of().parseHex(encoded)
                : Base64.getDecoder().decode(encoded);
    }

    private static byte[] decodeOrNull(SignatureScheme scheme, String encoded) {
        try {
            return decode(scheme, encoded);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String encode(SignatureScheme scheme, byte[] mac) {
        return scheme == SignatureScheme.FONELLA ? HexFormat.of().formatHex(mac)
                : Base64.getEncoder().encodeToString(mac);
    }
}
