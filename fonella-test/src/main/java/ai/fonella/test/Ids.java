package ai.fonella.test;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.UUID;

/** Generates the identifiers and tokens the emulator hands out. */
final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] TOKEN_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final int TOKEN_RANDOM_LENGTH = 32;

    /** The prefix of every live API key token. */
    static final String TOKEN_PREFIX = "fon_live_";

    private Ids() {
    }

    /** A random UUID, the id format of keys, webhooks, tools and calls. */
    static String uuid() {
        return UUID.randomUUID().toString();
    }

    /** An event id, {@code evt_} followed by 32 hex digits. */
    static String eventId() {
        return "evt_" + hex(16);
    }

    /** A tool call id, {@code toolcall_} followed by 24 hex digits. */
    static String toolCallId() {
        return "toolcall_" + hex(12);
    }

    /** A request id for the {@code X-Request-Id} header. */
    static String requestId() {
        return "req_" + hex(12);
    }

    /** An account id. */
    static String accountId() {
        return "acct_" + hex(8);
    }

    /** A fresh API key token, {@code fon_live_} followed by 32 lower-case letters and digits. */
    static String apiKeyToken() {
        StringBuilder token = new StringBuilder(TOKEN_PREFIX);
        for (int i = 0; i < TOKEN_RANDOM_LENGTH; i++) {
            token.append(TOKEN_ALPHABET[RANDOM.nextInt(TOKEN_ALPHABET.length)]);
        }
        return token.toString();
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
