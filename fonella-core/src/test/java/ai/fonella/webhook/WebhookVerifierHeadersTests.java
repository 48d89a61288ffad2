package ai.fonella.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ai.fonella.webhook.WebhookVerificationException.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link WebhookVerifier#verifyHeaders}: what can be refused before the body is read, on both schemes. */
class WebhookVerifierHeadersTests {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private static final byte[] BODY = "{\"id\":\"evt_1\"}".getBytes(StandardCharsets.UTF_8);

    @ParameterizedTest
    @EnumSource(SignatureScheme.class)
    void acceptsTheHeadersOfAGenuineDeliveryWhateverTheBodyTurnsOutToBe(SignatureScheme scheme) {
        Map<String, String> headers = WebhookSigner.of(scheme, SECRET).sign("msg_1", NOW, BODY);

        assertThatCode(() -> verifier(scheme).verifyHeaders(HeaderLookup.of(headers))).doesNotThrowAnyException();
        // the body still decides: a forged one fails verify with the same headers
        Reason reason = catchThrowableOfType(WebhookVerificationException.class,
                () -> verifier(scheme).verify("{}".getBytes(StandardCharsets.UTF_8), HeaderLookup.of(headers)))
                .reason();
        assertThat(reason).isEqualTo(Reason.SIGNATURE_MISMATCH);
    }

    @ParameterizedTest
    @EnumSource(SignatureScheme.class)
    void refusesMissingAndStaleSignatureHeadersBeforeTheBody(SignatureScheme scheme) {
        assertThat(reasonFor(scheme, Map.of())).isEqualTo(Reason.MISSING_HEADER);
        Map<String, String> stale = WebhookSigner.of(scheme, SECRET).sign("msg_1", NOW.minusSeconds(301), BODY);
        assertThat(reasonFor(scheme, stale)).isEqualTo(Reason.TIMESTAMP_OUT_OF_TOLERANCE);
    }

    @ParameterizedTest
    @EnumSource(SignatureScheme.class)
    void saysSoWhenADeliveryIsSignedWithTheOtherScheme(SignatureScheme scheme) {
        SignatureScheme other = scheme == SignatureScheme.FONELLA ? SignatureScheme.STANDARD_WEBHOOKS
                : SignatureScheme.FONELLA;
        Map<String, String> headers = WebhookSigner.of(other, SECRET).sign("msg_1", NOW, BODY);

        WebhookVerificationException refused = catchThrowableOfType(WebhookVerificationException.class,
                () -> verifier(scheme).verifyHeaders(HeaderLookup.of(headers)));

        assertThat(refused.reason()).isEqualTo(Reason.MISSING_HEADER);
        assertThat(refused.getMessage()).contains("signed with the "
                + (other == SignatureScheme.FONELLA ? "fonella" : "standard-webhooks") + " scheme")
                .contains("fonella.webhooks.signature-scheme");
        assertThat(catchThrowableOfType(WebhookVerificationException.class,
                () -> verifier(scheme).verifyHeaders(HeaderLookup.of(Map.of()))).getMessage())
                .endsWith("it was not signed by Fonella.");
    }

    @ParameterizedTest
    @EnumSource(SignatureScheme.class)
    void refusesMalformedSignatureHeadersBeforeTheBody(SignatureScheme scheme) {
        Map<String, String> headers = scheme == SignatureScheme.FONELLA
                ? Map.of(SignatureScheme.FONELLA_SIGNATURE_HEADER, "t=" + NOW.getEpochSecond() + ",v1=zz")
                : Map.of(SignatureScheme.WEBHOOK_ID_HEADER, "msg_1", SignatureScheme.WEBHOOK_TIMESTAMP_HEADER,
                        Long.toString(NOW.getEpochSecond()), SignatureScheme.WEBHOOK_SIGNATURE_HEADER, "v1,!!");
        assertThat(reasonFor(scheme, headers)).isEqualTo(Reason.MALFORMED_HEADER);
    }

    private static Reason reasonFor(SignatureScheme scheme, Map<String, String> headers) {
        return catchThrowableOfType(WebhookVerificationException.class,
                () -> verifier(scheme).verifyHeaders(HeaderLookup.of(headers))).reason();
    }

    private static WebhookVerifier verifier(SignatureScheme scheme) {
        return WebhookVerifier.builder().scheme(scheme).secret(SECRET).clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .build();
    }
}
