package ai.fonella.reliability;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.SplittableRandom;
import java.util.stream.LongStream;

/**
 * Seeded generators for the property tests of this package, which run on JUnit's
 * {@code @ParameterizedTest} rather than jqwik (see {@code docs/RELIABILITY.md}). Every property
 * runs once per seed; a failure names the seed and the case, so it can be replayed with
 * {@code -Dfonella.reliability.seed=<seed>}. {@code -Dfonella.reliability.cases=<n>} changes the
 * number of cases per seed.
 */
final class Generators {

    /** The first seed; each property derives {@link #SEEDS} seeds from it. */
    static final long BASE_SEED = Long.getLong("fonella.reliability.seed", 20_261_124L);

    /** Seeds per property. */
    static final int SEEDS = Integer.getInteger("fonella.reliability.seeds", 8);

    /** Cases per seed. */
    static final int CASES = Integer.getInteger("fonella.reliability.cases", 250);

    private Generators() {
    }

    /**
     * The seeds of one property run: the base seed itself when given on the command line alone, else
     * {@link #SEEDS} seeds derived from it.
     *
     * @return the seeds
     */
    static LongStream seeds() {
        SplittableRandom derive = new SplittableRandom(BASE_SEED);
        return LongStream.concat(LongStream.of(BASE_SEED), LongStream.generate(derive::nextLong).limit(SEEDS - 1L));
    }

    static byte[] bytes(SplittableRandom random, int maxLength) {
        byte[] bytes = new byte[random.nextInt(maxLength + 1)];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        return bytes;
    }

    /**
     * A body: random bytes (often not UTF-8), or JSON-like UTF-8 text with non-ASCII characters,
     * newlines and CRLFs, or empty.
     */
    static byte[] body(SplittableRandom random) {
        return switch (random.nextInt(4)) {
            case 0 -> bytes(random, 2048);
            case 1 -> new byte[0];
            default -> ("{\"id\":\"evt_" + random.nextLong() + "\",\"text\":\"" + text(random, 200) + "\"}"
                    + (random.nextBoolean() ? "\n" : "\r\n")).getBytes(StandardCharsets.UTF_8);
        };
    }

    /** Text of random code points from several planes (ASCII, Latin, CJK, emoji, controls). */
    static String text(SplittableRandom random, int maxLength) {
        int length = random.nextInt(maxLength + 1);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.appendCodePoint(codePoint(random));
        }
        return text.toString();
    }

    static int codePoint(SplittableRandom random) {
        return switch (random.nextInt(6)) {
            case 0 -> random.nextInt(0x20, 0x7f);
            case 1 -> random.nextInt(0, 0x20);
            case 2 -> random.nextInt(0xa0, 0x800);
            case 3 -> random.nextInt(0x4e00, 0x9fff);
            case 4 -> random.nextInt(0x1f600, 0x1f650);
            default -> {
                int cp = random.nextInt(0x110000);
                yield cp >= 0xd800 && cp <= 0xdfff ? 'x' : cp;
            }
        };
    }

    /** A secret for the Fonella scheme: any non-blank string, often {@code whsec_...}. */
    static String fonellaSecret(SplittableRandom random) {
        if (random.nextBoolean()) {
            return standardSecret(random);
        }
        String secret;
        do {
            secret = text(random, 64);
        } while (secret.isBlank());
        return secret;
    }

    /** A Standard Webhooks secret: {@code whsec_} and the base64 of 1 to 64 random bytes. */
    static String standardSecret(SplittableRandom random) {
        byte[] key = new byte[1 + random.nextInt(64)];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) random.nextInt(256);
        }
        return (random.nextInt(4) == 0 ? "" : "whsec_") + Base64.getEncoder().encodeToString(key);
    }

    /** Unix seconds the wire format can carry: up to 12 decimal digits. */
    static long timestamp(SplittableRandom random) {
        return switch (random.nextInt(4)) {
            case 0 -> random.nextLong(0, 10);
            case 1 -> random.nextLong(1_600_000_000L, 2_000_000_000L);
            case 2 -> 999_999_999_999L - random.nextLong(10);
            default -> random.nextLong(0, 1_000_000_000_000L);
        };
    }

    /** A header name in random letter case. */
    static String anyCase(SplittableRandom random, String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (char c : name.toCharArray()) {
            out.append(random.nextBoolean() ? Character.toUpperCase(c) : Character.toLowerCase(c));
        }
        return out.toString();
    }
}
