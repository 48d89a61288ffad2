package ai.fonella.webhook;

import ai.fonella.InvalidRequestException;
import ai.fonella.webhook.WebhookVerificationException.Reason;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies webhook signatures over the raw body bytes, before anything parses them. Thread-safe;
 * build one per application.
 *
 * <p>It compares in constant time, accepts any of several signatures in a header and any of several
 * secrets (for rotation), checks the signed timestamp against a tolerance in both directions, and
 * fails closed: every problem, a missing or malformed header included, is a
 * {@link WebhookVerificationException} with a {@link Reason}, never another exception.
 *
 * <pre>{@code
 * WebhookVerifier verifier = WebhookVerifier.builder()
 *         .secrets(List.of(currentSecret, previousSecret))
 *         .build();
 * verifier.verify(rawBody, request::getHeader); // throws WebhookVerificationException
 * }</pre>
 */
public final class WebhookVerifier {

    /** The default tolerance between the signed timestamp and now, in either direction. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    /** Headers longer than this are rejected unread. */
    static final int MAX_HEADER_LENGTH = 16 * 1024;

    private static final int HEX_SIGNATURE_LENGTH = 64;
    private static final int MAX_TIMESTAMP_DIGITS = 12;

    private final SignatureScheme scheme;
    private final Supplier<? extends Collection<String>> secrets;
    private final Duration tolerance;
    private final Clock clock;
    private volatile KeyCache keyCache = new KeyCache(null, List.of());

    private WebhookVerifier(Builder builder) {
        this.scheme = builder.scheme;
        this.secrets = builder.secrets;
        this.tolerance = builder.tolerance;
        this.clock = builder.clock;
    }

    /**
     * Starts a verifier for the {@link SignatureScheme#FONELLA} scheme with a 5-minute tolerance.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Checks that a secret can key this scheme, for configuration checks at startup.
     *
     * @param scheme the scheme
     * @param secret the secret
     * @param field the configuration name to mention in the message
     * @throws InvalidRequestException naming the field when the secret is blank or, for Standard
     *     Webhooks, not a {@code whsec_} base64 secret
     */
    public static void requireUsableSecret(SignatureScheme scheme, String secret, String field) {
        if (secret == null || secret.isBlank()) {
            throw new InvalidRequestException(field, field + " contains an empty or blank secret. Remove the entry, "
                    + "or set it to the signing secret the Fonella API returned for the webhook subscription.");
        }
        try {
            scheme.keyBytes(secret);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(field, field + " contains a secret that is not a Standard Webhooks "
                    + "secret ('whsec_' followed by base64). Use the secret as the API returned it.");
        }
    }

    /**
     * Verifies a delivery.
     *
     * @param body the raw request body, exactly as received
     * @param headers the request headers
     * @return what was verified
     * @throws WebhookVerificationException if the delivery must be rejected
     */
    public VerifiedWebhook verify(byte[] body, HeaderLookup headers) {
        Objects.requireNonNull(body, "body");
        Signed signed = parse(headers);
        for (SecretKeySpec key : keys()) {
            byte[] expected = Hmac.sign(key, signed.id, signed.timestamp, body);
            for (byte[] given : signed.signatures) {
                if (MessageDigest.isEqual(expected, given)) {
                    return new VerifiedWebhook(signed.signedAt, signed.id);
                }
            }
        }
        throw mismatch();
    }

    /**
     * Checks everything {@link #verify} checks that does not need the body: the signature headers are
     * present and well formed, and the signed timestamp is within the tolerance. A server calls it
     * before it reads the body, so that a request that cannot be genuine costs no body read; it must
     * still call {@link #verify} once the body is in.
     *
     * @param headers the request headers
     * @throws WebhookVerificationException if the delivery must be rejected whatever its body
     */
    public void verifyHeaders(HeaderLookup headers) {
        parse(headers);
    }

    /** The signature headers of a delivery, parsed and checked. */
    private record Signed(String id, String timestamp, Instant signedAt, List<byte[]> signatures) {
    }

    private Signed parse(HeaderLookup headers) {
        Objects.requireNonNull(headers, "headers");
        return scheme == SignatureScheme.FONELLA ? parseFonella(headers) : parseStandard(headers);
    }

    private Signed parseFonella(HeaderLookup headers) {
        String header = requireHeader(headers, SignatureScheme.FONELLA_SIGNATURE_HEADER);
        String timestamp = null;
        List<String> candidates = new ArrayList<>(2);
        for (String part : header.split(",", -1)) {
            String item = part.strip();
            if (item.isEmpty()) {
                continue;
            }
            int eq = item.indexOf('=');
            if (eq <= 0) {
                throw malformed("an entry is not of the form key=value");
            }
            String key = item.substring(0, eq);
            String value = item.substring(eq + 1);
            if (key.equals("t")) {
                if (timestamp != null) {
                    throw malformed("t= appears more than once");
                }
                timestamp = value;
            } else if (key.equals("v1")) {
                candidates.add(value);
            }
            // Other keys (future versions) are ignored.
        }
        if (timestamp == null) {
            throw malformed("it has no t= timestamp");
        }
        if (candidates.isEmpty()) {
            throw malformed("it has no v1= signature");
        }
        List<byte[]> signatures = decodeAll(candidates, WebhookVerifier::decodeHex);
        if (signatures.isEmpty()) {
            throw malformed("no v1= value is " + HEX_SIGNATURE_LENGTH + " hexadecimal characters (a truncated "
                    + "or re-encoded header?)");
        }
        return new Signed(null, timestamp, checkTimestamp(timestamp), signatures);
    }

    private Signed parseStandard(HeaderLookup headers) {
        String id = requireHeader(headers, SignatureScheme.WEBHOOK_ID_HEADER);
        String timestamp = requireHeader(headers, SignatureScheme.WEBHOOK_TIMESTAMP_HEADER).strip();
        String header = requireHeader(headers, SignatureScheme.WEBHOOK_SIGNATURE_HEADER);
        List<String> candidates = new ArrayList<>(2);
        for (String token : header.strip().split(" +")) {
            if (token.startsWith("v1,")) {
                candidates.add(token.substring(3));
            }
        }
        if (candidates.isEmpty()) {
            throw malformed("it has no v1,<base64> signature");
        }
        List<byte[]> signatures = decodeAll(candidates, WebhookVerifier::decodeBase64);
        if (signatures.isEmpty()) {
            throw malformed("no v1, value is base64 (a truncated or re-encoded header?)");
        }
        return new Signed(id, timestamp, checkTimestamp(timestamp), signatures);
    }

    private static List<byte[]> decodeAll(List<String> candidates, Function<String, byte[]> decoder) {
        List<byte[]> decoded = new ArrayList<>(candidates.size());
        for (String candidate : candidates) {
            byte[] given = decoder.apply(candidate);
            if (given != null) {
                decoded.add(given);
            }
        }
        return decoded;
    }

    /** Why a header of this scheme is missing: signed with the other scheme, or not by Fonella. */
    private String signedOtherwise(HeaderLookup headers) {
        SignatureScheme other = scheme == SignatureScheme.FONELLA ? SignatureScheme.STANDARD_WEBHOOKS
                : SignatureScheme.FONELLA;
        String otherHeader = other == SignatureScheme.FONELLA ? SignatureScheme.FONELLA_SIGNATURE_HEADER
                : SignatureScheme.WEBHOOK_SIGNATURE_HEADER;
        String value = headers.get(otherHeader);
        if (value == null || value.isBlank()) {
            return "it was not signed by Fonella.";
        }
        return "it carries " + otherHeader + " instead, so it is signed with the " + schemeName(other)
                + " scheme, while this receiver expects " + schemeName(scheme)
                + " (fonella.webhooks.signature-scheme in Spring Boot).";
    }

    private static String schemeName(SignatureScheme scheme) {
        return scheme == SignatureScheme.FONELLA ? "fonella" : "standard-webhooks";
    }

    private String requireHeader(HeaderLookup headers, String name) {
        String value = headers.get(name);
        if (value == null || value.isBlank()) {
            throw new WebhookVerificationException(Reason.MISSING_HEADER,
                    "The webhook has no " + name + " header; " + signedOtherwise(headers));
        }
        if (value.length() > MAX_HEADER_LENGTH) {
            throw new WebhookVerificationException(Reason.MALFORMED_HEADER,
                    "The " + name + " header is longer than " + MAX_HEADER_LENGTH + " characters.");
        }
        return value;
    }

    private Instant checkTimestamp(String text) {
        if (!isPlainDecimal(text)) {
            throw new WebhookVerificationException(Reason.INVALID_TIMESTAMP,
                    "The signature timestamp is not a plain decimal number of Unix seconds.");
        }
        long seconds = Long.parseLong(text);
        Instant signedAt = Instant.ofEpochSecond(seconds);
        if (!tolerance.isZero()) {
            long drift = Math.abs(clock.instant().getEpochSecond() - seconds);
            if (drift > tolerance.getSeconds()) {
                throw new WebhookVerificationException(Reason.TIMESTAMP_OUT_OF_TOLERANCE,
                        "The signature timestamp is " + drift + " s away from this server's clock, more than the "
                                + "tolerance of " + tolerance.getSeconds() + " s: a replayed delivery, or a clock "
                                + "out of sync.");
            }
        }
        return signedAt;
    }

    /** Digits only, no sign, no leading zero, at most 12 digits (year 33658). */
    private static boolean isPlainDecimal(String text) {
        int n = text.length();
        if (n == 0 || n > MAX_TIMESTAMP_DIGITS || (n > 1 && text.charAt(0) == '0')) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private List<SecretKeySpec> keys() {
        Collection<String> current;
        try {
            current = secrets.get();
        } catch (RuntimeException e) {
            // Fail closed with a verification failure, as promised, rather than leak another exception.
            throw new WebhookVerificationException(Reason.NO_SECRET, "The webhook signing secrets could not be read ("
                    + e.getClass().getSimpleName() + "), so no delivery can be verified. Check the secret "
                    + "supplier.", e);
        }
        KeyCache cache = keyCache;
        if (cache.source != current) {
            List<SecretKeySpec> keys = new ArrayList<>();
            if (current != null) {
                for (String secret : current) {
                    try {
                        keys.add(Hmac.key(scheme.keyBytes(secret)));
                    } catch (IllegalArgumentException e) {
                        // A blank or undecodable secret can verify nothing; skip it and fail closed below.
                    }
                }
            }
            cache = new KeyCache(current, List.copyOf(keys));
            keyCache = cache;
        }
        if (cache.keys.isEmpty()) {
            throw new WebhookVerificationException(Reason.NO_SECRET,
                    "No usable webhook signing secret is configured, so no delivery can be verified. Configure the "
                            + "secret the Fonella API returned for the webhook subscription.");
        }
        return cache.keys;
    }

    private static byte[] decodeHex(String value) {
        if (value.length() != HEX_SIGNATURE_LENGTH) {
            return null;
        }
        try {
            return HexFormat.of().parseHex(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] decodeBase64(String value) {
        if (value.isEmpty()) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static WebhookVerificationException malformed(String why) {
        return new WebhookVerificationException(Reason.MALFORMED_HEADER,
                "The webhook signature header cannot be parsed: " + why + ".");
    }

    private static WebhookVerificationException mismatch() {
        return new WebhookVerificationException(Reason.SIGNATURE_MISMATCH,
                "No webhook signature matches the body under the configured secrets. Check that the secret is the "
                        + "one returned for this subscription and that nothing re-encodes the body before "
                        + "verification.");
    }

    /**
     * The scheme this verifier checks.
     *
     * @return the scheme
     */
    public SignatureScheme scheme() {
        return scheme;
    }

    /**
     * The accepted distance between the signed timestamp and now.
     *
     * @return the tolerance; zero means timestamps are not checked
     */
    public Duration tolerance() {
        return tolerance;
    }

    @Override
    public String toString() {
        return "WebhookVerifier[scheme=" + scheme + ", tolerance=" + tolerance + ", secrets=****]";
    }

    private record KeyCache(Collection<String> source, List<SecretKeySpec> keys) {
    }

    /** Builds a {@link WebhookVerifier}. */
    public static final class Builder {
        private SignatureScheme scheme = SignatureScheme.FONELLA;
        private Supplier<? extends Collection<String>> secrets = List::of;
        private Duration tolerance = DEFAULT_TOLERANCE;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * @param scheme the signature scheme; default {@link SignatureScheme#FONELLA}
         * @return this builder
         */
        public Builder scheme(SignatureScheme scheme) {
            this.scheme = Objects.requireNonNull(scheme, "scheme");
            return this;
        }

        /**
         * One secret.
         *
         * @param secret the signing secret exactly as the API returned it
         * @return this builder
         */
        public Builder secret(String secret) {
            return secrets(List.of(Objects.requireNonNull(secret, "secret")));
        }

        /**
         * Several secrets, any of which may have signed a delivery (rotation: keep the old secret here
         * until every sender uses the new one).
         *
         * @param secrets the signing secrets
         * @return this builder
         */
        public Builder secrets(Collection<String> secrets) {
            List<String> copy = List.copyOf(secrets);
            this.secrets = () -> copy;
            return this;
        }

        /**
         * Secrets read at each verification, for secrets that arrive or rotate at runtime (for example
         * from the API after the webhook subscription is registered). Return the same collection
         * instance while nothing changes, so derived keys are reused.
         *
         * @param secrets supplies the current secrets
         * @return this builder
         */
        public Builder secrets(Supplier<? extends Collection<String>> secrets) {
            this.secrets = Objects.requireNonNull(secrets, "secrets");
            return this;
        }

        /**
         * @param tolerance accepted distance between the signed timestamp and now, in either direction;
         *     default 5 minutes; {@link Duration#ZERO} disables the check
         * @return this builder
         */
        public Builder tolerance(Duration tolerance) {
            if (tolerance == null || tolerance.isNegative()) {
                throw new IllegalArgumentException("tolerance must be zero or positive, e.g. PT5M");
            }
            this.tolerance = tolerance;
            return this;
        }

        /**
         * @param clock the clock for the tolerance check; default the UTC system clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * @return the verifier
         */
        public WebhookVerifier build() {
            return new WebhookVerifier(this);
        }
    }
}
