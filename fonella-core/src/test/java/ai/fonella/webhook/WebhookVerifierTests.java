package ai.fonella.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ai.fonella.InvalidRequestException;
import ai.fonella.webhook.WebhookVerificationException.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookVerifierTests {

    static final long NOW = 1_700_000_000L;
    static final String SECRET = "whsec_plgxQf7yXoJ3nC2wZ9T4sEkU1mVbR6aH";
    static final String OLD_SECRET = "whsec_9w8Z1Y2xO3N4m5L6k7J8i9H0gFeDcBaA";
    static final byte[] BODY = "{\"id\":\"evt_1\",\"type\":\"call.ended\",\"data\":{\"n\":\"Zoë 😀\"}}\n"
            .getBytes(StandardCharsets.UTF_8);

    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);

    static WebhookVerifier verifier(String... secrets) {
        return WebhookVerifier.builder().secrets(List.of(secrets)).clock(CLOCK).build();
    }

    static String hex(String secret, long timestamp, byte[] body) {
        return WebhookSigner.of(SignatureScheme.FONELLA, secret).signature(null, timestamp, body);
    }

    static HeaderLookup header(String value) {
        Map<String, String> headers = new HashMap<>();
        headers.put("X-Fonella-Signature", value);
        return HeaderLookup.of(headers);
    }

    static String valid() {
        return "t=" + NOW + ",v1=" + hex(SECRET, NOW, BODY);
    }

    static WebhookVerificationException rejection(WebhookVerifier verifier, byte[] body, HeaderLookup headers) {
        WebhookVerificationException failure = catchThrowableOfType(WebhookVerificationException.class,
                () -> verifier.verify(body, headers));
        assertThat(failure).as("verification must fail with a WebhookVerificationException").isNotNull();
        assertThat(failure.getMessage())
                .doesNotContain(SECRET, OLD_SECRET, hex(SECRET, NOW, body), hex(OLD_SECRET, NOW, body));
        return failure;
    }

    static Reason reason(String headerValue) {
        return rejection(verifier(SECRET), BODY, header(headerValue)).reason();
    }

    @Test
    void acceptsAValidSignatureAndReportsTheSignedTimestamp() {
        VerifiedWebhook verified = verifier(SECRET).verify(BODY, header(valid()));

        assertThat(verified.timestamp()).isEqualTo(Instant.ofEpochSecond(NOW));
        assertThat(verified.messageId()).isNull();
    }

    @Test
    void findsTheHeaderWhateverItsCase() {
        VerifiedWebhook verified = verifier(SECRET)
                .verify(BODY, HeaderLookup.of(Map.of("x-fonella-signature", valid())));

        assertThat(verified.timestamp()).isEqualTo(Instant.ofEpochSecond(NOW));
    }

    @Nested
    class ComparingSignatures {

        @ParameterizedTest(name = "flipping hex digit {0}")
        @ValueSource(ints = {0, 1, 31, 32, 62, 63})
        void rejectsASignatureThatDiffersInASingleDigitAnywhere(int position) {
            char[] digits = hex(SECRET, NOW, BODY).toCharArray();
            digits[position] = digits[position] == '0' ? '1' : '0';

            assertThat(reason("t=" + NOW + ",v1=" + new String(digits))).isEqualTo(Reason.SIGNATURE_MISMATCH);
        }

        @Test
        void comparesTheDecodedBytesSoUppercaseHexOfTheRightSignatureIsAccepted() {
            String upper = hex(SECRET, NOW, BODY).toUpperCase(Locale.ROOT);

            assertThat(verifier(SECRET).verify(BODY, header("t=" + NOW + ",v1=" + upper)).timestamp())
                    .isEqualTo(Instant.ofEpochSecond(NOW));
        }

        @Test
        void rejectsTheSignatureOfAnotherTimestamp() {
            assertThat(reason("t=" + NOW + ",v1=" + hex(SECRET, NOW - 1, BODY))).isEqualTo(Reason.SIGNATURE_MISMATCH);
        }

        @Test
        void acceptsOneValidSignatureAmongInvalidOnesWhereverItStands() {
            String good = hex(SECRET, NOW, BODY);
            String wrong = hex(OLD_SECRET, NOW, BODY);

            for (String header : List.of(
                    "t=" + NOW + ",v1=" + wrong + ",v1=" + good,
                    "t=" + NOW + ",v1=" + good + ",v1=" + wrong,
                    "t=" + NOW + ",v1=not-hex,v1=" + "ab".repeat(31) + ",v1=" + good + ",v2=" + wrong,
                    "v1=" + wrong + ",t=" + NOW + ",v1=" + good)) {
                assertThat(verifier(SECRET).verify(BODY, header(header)).timestamp())
                        .isEqualTo(Instant.ofEpochSecond(NOW));
            }
        }

        @Test
        void rejectsWhenEverySignatureIsWellFormedButWrong() {
            assertThat(reason("t=" + NOW + ",v1=" + hex(OLD_SECRET, NOW, BODY) + ",v1=" + "0".repeat(64)))
                    .isEqualTo(Reason.SIGNATURE_MISMATCH);
        }
    }

    @Nested
    class RotatingSecrets {

        @Test
        void acceptsSignaturesOfEveryConfiguredSecret() {
            WebhookVerifier verifier = verifier(SECRET, OLD_SECRET);

            verifier.verify(BODY, header("t=" + NOW + ",v1=" + hex(SECRET, NOW, BODY)));
            verifier.verify(BODY, header("t=" + NOW + ",v1=" + hex(OLD_SECRET, NOW, BODY)));
        }

        @Test
        void rejectsSignaturesOfARemovedSecret() {
            String oldSignature = "t=" + NOW + ",v1=" + hex(OLD_SECRET, NOW, BODY);

            assertThat(rejection(verifier(SECRET), BODY, header(oldSignature)).reason())
                    .isEqualTo(Reason.SIGNATURE_MISMATCH);
        }

        @Test
        void followsSecretsThatChangeAtRuntimeThroughASupplier() {
            AtomicReference<List<String>> secrets = new AtomicReference<>(List.of(OLD_SECRET));
            WebhookVerifier verifier = WebhookVerifier.builder().secrets(secrets::get).clock(CLOCK).build();
            HeaderLookup signedWithNew = header(valid());
            HeaderLookup signedWithOld = header("t=" + NOW + ",v1=" + hex(OLD_SECRET, NOW, BODY));

            assertThat(rejection(verifier, BODY, signedWithNew).reason()).isEqualTo(Reason.SIGNATURE_MISMATCH);
            secrets.set(List.of(SECRET, OLD_SECRET));
            verifier.verify(BODY, signedWithNew);
            verifier.verify(BODY, signedWithOld);
            secrets.set(List.of(SECRET));
            verifier.verify(BODY, signedWithNew);
            assertThat(rejection(verifier, BODY, signedWithOld).reason()).isEqualTo(Reason.SIGNATURE_MISMATCH);
        }

        @Test
        void skipsABlankSecretAmongUsableOnes() {
            verifier(" ", SECRET).verify(BODY, header(valid()));
        }
    }

    @Nested
    class CheckingTheTimestamp {

        @ParameterizedTest(name = "now {0} s")
        @ValueSource(longs = {-300, -299, -1, 0, 1, 299, 300})
        void acceptsTimestampsWithinTheToleranceInBothDirectionsBoundaryIncluded(long offset) {
            long t = NOW + offset;

            assertThat(verifier(SECRET).verify(BODY, header("t=" + t + ",v1=" + hex(SECRET, t, BODY))).timestamp())
                    .isEqualTo(Instant.ofEpochSecond(t));
        }

        @ParameterizedTest(name = "now {0} s")
        @ValueSource(longs = {-301, 301, -86_400, 86_400, -NOW + 1})
        void rejectsCorrectlySignedTimestampsOutsideTheTolerance(long offset) {
            long t = NOW + offset;

            WebhookVerificationException failure = rejection(verifier(SECRET), BODY,
                    header("t=" + t + ",v1=" + hex(SECRET, t, BODY)));

            assertThat(failure.reason()).isEqualTo(Reason.TIMESTAMP_OUT_OF_TOLERANCE);
            assertThat(failure.getMessage()).contains(Math.abs(offset) + " s away").contains("tolerance of 300 s");
        }

        @Test
        void honoursAConfiguredToleranceAndAZeroToleranceDisablesTheCheck() {
            long t = NOW - 3600;
            HeaderLookup hourOld = header("t=" + t + ",v1=" + hex(SECRET, t, BODY));
            WebhookVerifier hour = WebhookVerifier.builder().secret(SECRET).clock(CLOCK)
                    .tolerance(Duration.ofHours(1)).build();
            WebhookVerifier minute = WebhookVerifier.builder().secret(SECRET).clock(CLOCK)
                    .tolerance(Duration.ofMinutes(1)).build();
            WebhookVerifier unchecked = WebhookVerifier.builder().secret(SECRET).clock(CLOCK)
                    .tolerance(Duration.ZERO).build();

            hour.verify(BODY, hourOld);
            unchecked.verify(BODY, hourOld);
            assertThat(rejection(minute, BODY, hourOld).reason()).isEqualTo(Reason.TIMESTAMP_OUT_OF_TOLERANCE);
            assertThat(hour.tolerance()).isEqualTo(Duration.ofHours(1));
        }

        @Test
        void usesFiveMinutesByDefaultAndRefusesANegativeTolerance() {
            assertThat(WebhookVerifier.builder().build().tolerance()).isEqualTo(Duration.ofMinutes(5));
            assertThatThrownBy(() -> WebhookVerifier.builder().tolerance(Duration.ofSeconds(-1)))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @ParameterizedTest(name = "t={0}")
        @ValueSource(strings = {"", "abc", "+1700000000", "01700000000", "1.7e9", "1700000000.0", "-1700000000",
                "-9223372036854775808", "9223372036854775807", "123junk", "0x6553f100", "1 700000000",
                "１７００００００００"})
        void rejectsTimestampsThatAreNotPlainDecimalDigits(String timestamp) {
            assertThat(reason("t=" + timestamp + ",v1=" + hex(SECRET, NOW, BODY))).isEqualTo(Reason.INVALID_TIMESTAMP);
        }

        @Test
        void rejectsAFourHundredDigitTimestamp() {
            assertThat(reason("t=" + "9".repeat(400) + ",v1=" + hex(SECRET, NOW, BODY)))
                    .isEqualTo(Reason.INVALID_TIMESTAMP);
        }
    }

    @Nested
    class ParsingTheHeader {

        @Test
        void rejectsAMissingEmptyOrBlankHeader() {
            assertThat(rejection(verifier(SECRET), BODY, name -> null).reason()).isEqualTo(Reason.MISSING_HEADER);
            assertThat(reason("")).isEqualTo(Reason.MISSING_HEADER);
            assertThat(reason("   ")).isEqualTo(Reason.MISSING_HEADER);
            assertThat(rejection(verifier(SECRET), BODY, name -> null).getMessage())
                    .contains("no X-Fonella-Signature header");
        }

        @ParameterizedTest(name = "[{0}]")
        @ValueSource(strings = {
                "v1=",
                "t=1700000000",
                "t=1700000000,v1=",
                "t=1700000000,v1",
                "t=1700000000,=abc",
                "garbage",
                "t=1700000000,t=1700000000,v1=00",
                "t=1700000000,v2=00000000000000000000000000000000000000000000000000000000000000000",
                "t=1700000000,v1=c5dd37e0bbb50eeb17daeab2aec0de5d21740c391c980fb2f32b3d6f7e0b7a7",
                "t=1700000000,v1=c5dd37e0bbb50eeb17daeab2aec0de5d21740c391c980fb2f32b3d6f7e0b7a7d00",
                "t=1700000000,v1=zzdd37e0bbb50eeb17daeab2aec0de5d21740c391c980fb2f32b3d6f7e0b7a7d",
                "t=1700000000,v1=xRdNY3ZzLXRlc3QtYmFzZTY0LXNpZ25hdHVyZQ==",
                "t=1700000000;v1=c5dd37e0bbb50eeb17daeab2aec0de5d21740c391c980fb2f32b3d6f7e0b7a7d"})
        void rejectsMalformedHeaders(String value) {
            assertThat(reason(value)).isEqualTo(Reason.MALFORMED_HEADER);
        }

        @Test
        void saysWhatIsMalformedWithoutEchoingTheValue() {
            WebhookVerificationException failure =
                    rejection(verifier(SECRET), BODY, header("t=" + NOW + ",v1=" + hex(SECRET, NOW, BODY).substring(1)));

            assertThat(failure.getMessage()).isEqualTo("The webhook signature header cannot be parsed: no v1= value is "
                    + "64 hexadecimal characters (a truncated or re-encoded header?).");
        }

        @Test
        void toleratesSurroundingSpacesEmptyEntriesAndUnknownKeys() {
            String good = hex(SECRET, NOW, BODY);

            for (String header : List.of(
                    " t=" + NOW + " , v1=" + good + " ",
                    ",,t=" + NOW + ",,v1=" + good + ",",
                    "t=" + NOW + ",v0=legacy,v1=" + good + ",foo=bar")) {
                assertThat(verifier(SECRET).verify(BODY, header(header)).timestamp())
                        .isEqualTo(Instant.ofEpochSecond(NOW));
            }
        }

        @Test
        void verifiesAnEightKibibyteHeaderWithManySignatures() {
            StringBuilder header = new StringBuilder("t=" + NOW);
            while (header.length() < 8 * 1024 - 70) {
                header.append(",v1=").append("0".repeat(64));
            }
            header.append(",v1=").append(hex(SECRET, NOW, BODY));

            assertThat(header.length()).isGreaterThanOrEqualTo(8 * 1024 - 70).isLessThan(WebhookVerifier.MAX_HEADER_LENGTH);
            verifier(SECRET).verify(BODY, header(header.toString()));
        }

        @Test
        void rejectsAnEightKibibyteHeaderOfJunk() {
            assertThat(reason("t=" + NOW + "," + "x".repeat(8 * 1024))).isEqualTo(Reason.MALFORMED_HEADER);
            assertThat(reason("t=" + NOW + "," + "v1=abc,".repeat(1200))).isEqualTo(Reason.MALFORMED_HEADER);
        }

        @Test
        void rejectsAHeaderLongerThanTheLimitUnread() {
            String huge = valid() + "," + "v1=".repeat(WebhookVerifier.MAX_HEADER_LENGTH / 3);

            WebhookVerificationException failure = rejection(verifier(SECRET), BODY, header(huge));

            assertThat(failure.reason()).isEqualTo(Reason.MALFORMED_HEADER);
            assertThat(failure.getMessage()).contains("longer than 16384 characters");
        }

        @Test
        void neverThrowsAnythingButAVerificationFailureForArbitraryHeaders() {
            Random random = new Random(20261124L);
            String alphabet = "tv1=,0123456789abcdefABCDEF +-.e;_\u00e9\u0000";
            WebhookVerifier verifier = verifier(SECRET);
            String good = hex(SECRET, NOW, BODY);
            for (int i = 0; i < 3000; i++) {
                StringBuilder value = new StringBuilder(random.nextBoolean() ? "t=" + NOW + "," : "");
                int length = random.nextInt(120);
                for (int j = 0; j < length; j++) {
                    value.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                if (random.nextInt(4) == 0) {
                    value.append(",v1=").append(good, 0, random.nextInt(65));
                }
                String header = value.toString();
                try {
                    verifier.verify(BODY, header(header));
                } catch (WebhookVerificationException expected) {
                    assertThat(expected.reason()).isNotNull();
                    assertThat(expected.getMessage()).doesNotContain(good, SECRET);
                }
            }
        }
    }

    @Nested
    class ConfiguringSecrets {

        @Test
        void rejectsEveryDeliveryWhenNoUsableSecretIsConfigured() {
            List<WebhookVerifier> verifiers = List.of(
                    WebhookVerifier.builder().clock(CLOCK).build(),
                    WebhookVerifier.builder().secrets(List.of()).clock(CLOCK).build(),
                    WebhookVerifier.builder().secret("").clock(CLOCK).build(),
                    WebhookVerifier.builder().secrets(List.of(" ", "\t")).clock(CLOCK).build(),
                    WebhookVerifier.builder().secrets((Supplier<Collection<String>>) () -> null).clock(CLOCK).build(),
                    WebhookVerifier.builder().secrets(() -> {
                        throw new IllegalStateException("vault sealed");
                    }).clock(CLOCK).build());

            for (WebhookVerifier verifier : verifiers) {
                WebhookVerificationException failure = rejection(verifier, BODY, header(valid()));
                assertThat(failure.reason()).isEqualTo(Reason.NO_SECRET);
                assertThat(failure.getMessage()).contains("secret");
            }
        }

        @Test
        void keepsTheCauseWhenTheSecretSupplierFails() {
            IllegalStateException sealed = new IllegalStateException("vault sealed");
            WebhookVerifier verifier = WebhookVerifier.builder().secrets(() -> {
                throw sealed;
            }).clock(CLOCK).build();

            assertThat(rejection(verifier, BODY, header(valid()))).hasCause(sealed);
        }

        @Test
        void checksSecretsAtStartupNamingTheFieldButNotTheSecret() {
            WebhookVerifier.requireUsableSecret(SignatureScheme.FONELLA, "any text works", "fonella.webhooks.secret");
            WebhookVerifier.requireUsableSecret(SignatureScheme.STANDARD_WEBHOOKS, SECRET, "fonella.webhooks.secret");

            assertThatThrownBy(() -> WebhookVerifier.requireUsableSecret(SignatureScheme.FONELLA, " ", "fonella.x"))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageStartingWith("fonella.x contains an empty or blank secret");
            assertThatThrownBy(() -> WebhookVerifier.requireUsableSecret(SignatureScheme.STANDARD_WEBHOOKS,
                    "whsec_not*base64!", "fonella.x"))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("not a Standard Webhooks secret")
                    .hasMessageNotContaining("not*base64!");
        }

        @Test
        void neverShowsSecretsInToString() {
            assertThat(verifier(SECRET, OLD_SECRET).toString()).doesNotContain(SECRET, OLD_SECRET).contains("****");
        }
    }

    @Nested
    class TamperingWithTheBody {

        private final HeaderLookup signed = header(valid());

        @Test
        void rejectsABodyReEncodedInAnotherCharset() {
            byte[] latin1 = new String(BODY, StandardCharsets.UTF_8).replace("😀", "")
                    .getBytes(StandardCharsets.ISO_8859_1);

            assertThat(rejection(verifier(SECRET), latin1, signed).reason()).isEqualTo(Reason.SIGNATURE_MISMATCH);
        }

        @Test
        void rejectsABodyReSerializedWithTheSameMeaning() {
            List<String> equivalents = List.of(
                    "{\"id\": \"evt_1\", \"type\": \"call.ended\", \"data\": {\"n\": \"Zoë 😀\"}}\n",
                    "{\"type\":\"call.ended\",\"id\":\"evt_1\",\"data\":{\"n\":\"Zoë 😀\"}}\n",
                    "{\"id\":\"evt_1\",\"type\":\"call.ended\",\"data\":{\"n\":\"Zo\\u00eb \\ud83d\\ude00\"}}\n");

            for (String equivalent : equivalents) {
                assertThat(rejection(verifier(SECRET), equivalent.getBytes(StandardCharsets.UTF_8), signed).reason())
                        .isEqualTo(Reason.SIGNATURE_MISMATCH);
            }
        }

        @Test
        void rejectsABodyWithItsNewlineStrippedOrTurnedIntoCrLf() {
            String text = new String(BODY, StandardCharsets.UTF_8);
            byte[] stripped = text.strip().getBytes(StandardCharsets.UTF_8);
            byte[] crlf = text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);

            assertThat(rejection(verifier(SECRET), stripped, signed).reason()).isEqualTo(Reason.SIGNATURE_MISMATCH);
            assertThat(rejection(verifier(SECRET), crlf, signed).reason()).isEqualTo(Reason.SIGNATURE_MISMATCH);
        }

        @Test
        void rejectsAnEmptyBodyAndATruncatedOne() {
            assertThat(rejection(verifier(SECRET), new byte[0], signed).reason()).isEqualTo(Reason.SIGNATURE_MISMATCH);
            byte[] truncated = java.util.Arrays.copyOf(BODY, BODY.length - 2);
            assertThat(rejection(verifier(SECRET), truncated, signed).reason()).isEqualTo(Reason.SIGNATURE_MISMATCH);
        }

        @Test
        void saysToCheckTheSecretAndTheBodyWithoutRevealingTheExpectedSignature() {
            byte[] tampered = "{}".getBytes(StandardCharsets.UTF_8);

            WebhookVerificationException failure = rejection(verifier(SECRET), tampered, signed);

            assertThat(failure.getMessage())
                    .contains("Check that the secret is the one returned for this subscription")
                    .doesNotContain(hex(SECRET, NOW, tampered), hex(SECRET, NOW, BODY));
        }
    }

    @Nested
    class StandardWebhooksPreset {

        private final WebhookSigner signer = WebhookSigner.of(SignatureScheme.STANDARD_WEBHOOKS, SECRET);
        private final WebhookVerifier verifier = WebhookVerifier.builder().scheme(SignatureScheme.STANDARD_WEBHOOKS)
                .secret(SECRET).clock(CLOCK).build();

        private Map<String, String> signedHeaders() {
            return new HashMap<>(signer.sign("msg_1", Instant.ofEpochSecond(NOW), BODY));
        }

        private Reason reasonFor(Map<String, String> headers) {
            WebhookVerificationException failure = catchThrowableOfType(WebhookVerificationException.class,
                    () -> verifier.verify(BODY, HeaderLookup.of(headers)));
            assertThat(failure).isNotNull();
            assertThat(failure.getMessage()).doesNotContain(SECRET, signer.signature("msg_1", NOW, BODY));
            return failure.reason();
        }

        @Test
        void acceptsItsOwnSignatureAndReportsTheMessageId() {
            assertThat(verifier.verify(BODY, HeaderLookup.of(signedHeaders())).messageId()).isEqualTo("msg_1");
        }

        @Test
        void acceptsOneValidSignatureAmongSeveralSpaceSeparatedOnes() {
            Map<String, String> headers = signedHeaders();
            String good = headers.get("webhook-signature");
            String other = "v1," + Base64.getEncoder().encodeToString(new byte[32]);
            headers.put("webhook-signature", other + " v1a,ignored " + good + " garbage");

            assertThat(verifier.verify(BODY, HeaderLookup.of(headers)).messageId()).isEqualTo("msg_1");
        }

        @Test
        void rejectsEachMissingHeader() {
            for (String name : List.of("webhook-id", "webhook-timestamp", "webhook-signature")) {
                Map<String, String> headers = signedHeaders();
                headers.remove(name);
                assertThat(reasonFor(headers)).as(name).isEqualTo(Reason.MISSING_HEADER);
            }
        }

        @Test
        void rejectsATamperedMessageIdTimestampOrBody() {
            Map<String, String> otherId = signedHeaders();
            otherId.put("webhook-id", "msg_2");
            assertThat(reasonFor(otherId)).isEqualTo(Reason.SIGNATURE_MISMATCH);

            Map<String, String> otherTime = signedHeaders();
            otherTime.put("webhook-timestamp", Long.toString(NOW - 1));
            assertThat(reasonFor(otherTime)).isEqualTo(Reason.SIGNATURE_MISMATCH);

            assertThatThrownBy(() -> verifier.verify("{}".getBytes(StandardCharsets.UTF_8),
                    HeaderLookup.of(signedHeaders())))
                    .isInstanceOfSatisfying(WebhookVerificationException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.SIGNATURE_MISMATCH));
        }

        @ParameterizedTest(name = "[{0}]")
        @ValueSource(strings = {"v1,", "v2,abc", "v1=abc", "v1,!!!not-base64!!!", "abc"})
        void rejectsMalformedSignatureHeaders(String value) {
            Map<String, String> headers = signedHeaders();
            headers.put("webhook-signature", value);

            assertThat(reasonFor(headers)).isEqualTo(Reason.MALFORMED_HEADER);
        }

        @ParameterizedTest(name = "[{0}]")
        @ValueSource(strings = {"abc", "+1700000000", "01700000000", "1.7e9", "123junk", "-1"})
        void rejectsMalformedTimestamps(String value) {
            Map<String, String> headers = signedHeaders();
            headers.put("webhook-timestamp", value);

            assertThat(reasonFor(headers)).isEqualTo(Reason.INVALID_TIMESTAMP);
        }

        @Test
        void appliesTheToleranceToo() {
            Map<String, String> late = new HashMap<>(signer.sign("msg_1", Instant.ofEpochSecond(NOW - 301), BODY));

            assertThat(reasonFor(late)).isEqualTo(Reason.TIMESTAMP_OUT_OF_TOLERANCE);
        }

        @Test
        void treatsASecretThatIsNotBase64AsNoSecret() {
            WebhookVerifier misconfigured = WebhookVerifier.builder().scheme(SignatureScheme.STANDARD_WEBHOOKS)
                    .secret("whsec_***").clock(CLOCK).build();

            assertThatThrownBy(() -> misconfigured.verify(BODY, HeaderLookup.of(signedHeaders())))
                    .isInstanceOfSatisfying(WebhookVerificationException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.NO_SECRET));
        }
    }

    @Test
    void verifiesWhatTheSignerSignsForEveryScheme() {
        String secret = WebhookSigner.generateSecret();
        List<Instant> times = new ArrayList<>(List.of(Instant.ofEpochSecond(NOW), Instant.ofEpochSecond(NOW, 999_999_999)));
        for (SignatureScheme scheme : SignatureScheme.values()) {
            WebhookVerifier verifier = WebhookVerifier.builder().scheme(scheme).secret(secret).clock(CLOCK).build();
            for (Instant time : times) {
                Map<String, String> headers = WebhookSigner.of(scheme, secret).sign("evt_9", time, BODY);
                assertThat(verifier.verify(BODY, HeaderLookup.of(headers)).timestamp())
                        .isEqualTo(Instant.ofEpochSecond(NOW));
            }
        }
    }
}
