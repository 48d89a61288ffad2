package ai.fonella.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Vectors that were not computed by the code under test.
 *
 * <p>Standard Webhooks: the example published with the specification
 * (https://github.com/standard-webhooks/standard-webhooks, reference implementations' tests), also
 * reproduced with OpenSSL 3.0:
 * <pre>
 * printf '%s' 'msg_p5jXN8AQM9LWM0D4loKWxJek.1614265330.{"test": 2432232314}' \
 *   | openssl dgst -sha256 -mac HMAC \
 *       -macopt hexkey:$(printf '%s' MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw | base64 -d | xxd -p -c 256) -binary \
 *   | base64
 * g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=
 * </pre>
 *
 * <p>Fonella scheme: computed with OpenSSL 3.0.19 in a UTF-8 locale (LANG=C.UTF-8), so the
 * non-ASCII body and secret are signed as their UTF-8 bytes:
 * <pre>
 * printf '%s' '1700000000.{"id":"evt_1"}' | openssl dgst -sha256 -hmac 'whsec_plgxQf7yXoJ3nC2wZ9T4sEkU1mVbR6aH'
 * SHA2-256(stdin)= c5dd37e0bbb50eeb17daeab2aec0de5d21740c391c980fb2f32b3d6f7e0b7a7d
 *
 * printf '%s' '1700000000.{"n":"Zoë 😀"}' | openssl dgst -sha256 -hmac 'whsec_plgxQf7yXoJ3nC2wZ9T4sEkU1mVbR6aH'
 * SHA2-256(stdin)= 82beb3edf931954ce50a3af45a9235958cde9ed035492e76e37b6774095ac0a6
 *
 * printf '%s' '1700000000.{"id":"evt_1"}' | openssl dgst -sha256 -hmac 'pässwörd-ünïcode'
 * SHA2-256(stdin)= defe1abf76b4741b5d13893133601e3f6089af41f4f27104bbebfb5bf8298a52
 * </pre>
 */
class WebhookSignatureKnownAnswerTests {

    private static final String STANDARD_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String STANDARD_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long STANDARD_TIMESTAMP = 1614265330L;
    private static final byte[] STANDARD_BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
    private static final String STANDARD_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    private static final long FONELLA_TIMESTAMP = 1700000000L;

    @Test
    void standardWebhooksPresetSignsTheSpecificationsPublishedExample() {
        WebhookSigner signer = WebhookSigner.of(SignatureScheme.STANDARD_WEBHOOKS, STANDARD_SECRET);

        Map<String, String> headers = signer.sign(STANDARD_ID, Instant.ofEpochSecond(STANDARD_TIMESTAMP), STANDARD_BODY);

        assertThat(headers).containsExactly(
                Map.entry("webhook-id", STANDARD_ID),
                Map.entry("webhook-timestamp", "1614265330"),
                Map.entry("webhook-signature", STANDARD_SIGNATURE));
    }

    @Test
    void standardWebhooksPresetVerifiesTheSpecificationsPublishedExample() {
        WebhookVerifier verifier = WebhookVerifier.builder()
                .scheme(SignatureScheme.STANDARD_WEBHOOKS)
                .secret(STANDARD_SECRET)
                .clock(fixedClock(STANDARD_TIMESTAMP))
                .build();

        VerifiedWebhook verified = verifier.verify(STANDARD_BODY, HeaderLookup.of(Map.of(
                "webhook-id", STANDARD_ID,
                "webhook-timestamp", "1614265330",
                "webhook-signature", STANDARD_SIGNATURE)));

        assertThat(verified.messageId()).isEqualTo(STANDARD_ID);
        assertThat(verified.timestamp()).isEqualTo(Instant.ofEpochSecond(STANDARD_TIMESTAMP));
    }

    @ParameterizedTest(name = "{0} with secret {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"id\":\"evt_1\"}|whsec_plgxQf7yXoJ3nC2wZ9T4sEkU1mVbR6aH|c5dd37e0bbb50eeb17daeab2aec0de5d21740c391c980fb2f32b3d6f7e0b7a7d",
            "{\"n\":\"Zoë 😀\"}|whsec_plgxQf7yXoJ3nC2wZ9T4sEkU1mVbR6aH|82beb3edf931954ce50a3af45a9235958cde9ed035492e76e37b6774095ac0a6",
            "{\"id\":\"evt_1\"}|pässwörd-ünïcode|defe1abf76b4741b5d13893133601e3f6089af41f4f27104bbebfb5bf8298a52"})
    void fonellaSchemeSignsAndVerifiesVectorsComputedWithOpenssl(String body, String secret, String hex) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String header = "t=1700000000,v1=" + hex;

        Map<String, String> headers = WebhookSigner.of(SignatureScheme.FONELLA, secret)
                .sign("ignored", Instant.ofEpochSecond(FONELLA_TIMESTAMP), bytes);
        VerifiedWebhook verified = WebhookVerifier.builder()
                .secret(secret)
                .clock(fixedClock(FONELLA_TIMESTAMP))
                .build()
                .verify(bytes, HeaderLookup.of(Map.of("X-Fonella-Signature", header)));

        assertThat(headers).containsExactly(Map.entry("X-Fonella-Signature", header));
        assertThat(verified.timestamp()).isEqualTo(Instant.ofEpochSecond(FONELLA_TIMESTAMP));
        assertThat(verified.messageId()).isNull();
    }

    @Test
    void signsTheNonAsciiBodyAsItsUtf8Bytes() {
        byte[] body = "{\"n\":\"Zoë 😀\"}".getBytes(StandardCharsets.UTF_8);

        assertThat(body).hasSize(17); // ë is 2 bytes, 😀 is 4
        assertThat(WebhookSigner.of(SignatureScheme.FONELLA, "whsec_plgxQf7yXoJ3nC2wZ9T4sEkU1mVbR6aH")
                .signature(null, FONELLA_TIMESTAMP, body))
                .isEqualTo("82beb3edf931954ce50a3af45a9235958cde9ed035492e76e37b6774095ac0a6");
    }

    static Clock fixedClock(long epochSecond) {
        return Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
    }
}
