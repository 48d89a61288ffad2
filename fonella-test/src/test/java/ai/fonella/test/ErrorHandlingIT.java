package ai.fonella.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.fonella.client.FonellaApiException;
import ai.fonella.client.FonellaAuthenticationException;
import ai.fonella.client.FonellaClient;
import ai.fonella.client.FonellaIoException;
import ai.fonella.client.FonellaNotFoundException;
import ai.fonella.client.FonellaRateLimitException;
import ai.fonella.client.FonellaServerException;
import ai.fonella.client.FonellaValidationException;
import ai.fonella.client.RetryPolicy;
import ai.fonella.model.ApiKey;
import ai.fonella.model.ApiKeyScope;
import ai.fonella.model.CreateApiKeyRequest;
import ai.fonella.model.CreateToolRequest;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every error type of the client, produced by the emulator over real HTTP. */
@FonellaEmulatorTest
class ErrorHandlingIT {

    private final FonellaEmulator emulator;
    private EmulatorAccount account;
    private FonellaClient client;

    ErrorHandlingIT(FonellaEmulator emulator) {
        this.emulator = emulator;
    }

    @BeforeEach
    void newAccount() {
        account = emulator.newAccount();
        client = emulator.clientBuilder(account.apiKey()).retryPolicy(RetryPolicy.NONE).build();
    }

    @AfterEach
    void clearFaults() {
        emulator.faults().clear();
        if (!emulator.isRunning()) {
            emulator.restart();
        }
    }

    @Test
    void unknownKeyIsAnAuthenticationErrorWithRequestIdAndNoKeyInTheMessage() {
        String unknown = "fon_live_unknownunknownunknownunknown";
        FonellaClient stranger = emulator.client(unknown);

        assertThatThrownBy(() -> stranger.tools().list())
                .isInstanceOfSatisfying(FonellaAuthenticationException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(401);
                    assertThat(e.errorCode()).isEqualTo("unauthorized");
                    assertThat(e.requestId()).startsWith("req_");
                    assertThat(emulator.requests()).anySatisfy(r -> {
                        assertThat(r.requestId()).isEqualTo(e.requestId());
                        assertThat(r.status()).isEqualTo(401);
                    });
                    assertThat(e.getMessage()).contains("HTTP 401").contains(e.requestId())
                            .contains("fon_live_unknown").doesNotContain(unknown);
                    assertThat(e.errorMessage()).doesNotContain(unknown);
                });
    }

    @Test
    void missingScopeIsAnAuthenticationErrorNamingTheScope() {
        FonellaClient limited = emulator.clientBuilder(emulator.createApiKey(account, null, ApiKeyScope.CALLS_READ))
                .retryPolicy(RetryPolicy.NONE).build();

        assertThatThrownBy(() -> limited.webhooks().list())
                .isInstanceOfSatisfying(FonellaAuthenticationException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(403);
                    assertThat(e.errorCode()).isEqualTo("forbidden");
                    assertThat(e.getMessage()).contains("'webhooks:manage' scope");
                });
    }

    @Test
    void unknownIdIsNotFound() {
        assertThatThrownBy(() -> client.tools().delete("4ff05811-a7af-43b0-84ca-ea7fa7a23c07"))
                .isInstanceOfSatisfying(FonellaNotFoundException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.getMessage()).contains("DELETE /v1/tools/4ff05811-a7af-43b0-84ca-ea7fa7a23c07")
                            .contains("Check the id");
                });
    }

    @Test
    void aListingThatFindsNoEndpointPointsAtTheBaseUrlNotAtAnId() {
        FonellaClient elsewhere = emulator.clientBuilder(account.apiKey()).baseUrl(emulator.baseUrl() + "/api")
                .retryPolicy(RetryPolicy.NONE).build();
        assertThatThrownBy(() -> elsewhere.tools().list())
                .isInstanceOfSatisfying(FonellaNotFoundException.class, e -> assertThat(e.getMessage())
                        .contains("GET /v1/tools failed with HTTP 404")
                        .contains("There is no such endpoint at " + emulator.baseUrl() + "/api")
                        .contains("fonella.base-url in Spring Boot, baseUrl in the Maven plugin, "
                                + "FonellaClient.Builder.baseUrl otherwise")
                        .doesNotContain("Check the id"));
    }

    @Test
    void unprocessableAnswerIsAValidationError() {
        emulator.faults().inject(Fault.status(422).on("POST", "/v1/tools"));

        assertThatThrownBy(() -> client.tools().create(CreateToolRequest.builder().name("lookupOrder")
                .description("d").url("https://shop.example.com/tool").build()))
                .isInstanceOfSatisfying(FonellaValidationException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(422);
                    assertThat(e.errorCode()).isEqualTo("injected_fault");
                });
    }

    @Test
    void rateLimitCarriesRetryAfterAndPostIsNotRetried() {
        emulator.faults().rateLimitNext(1, Duration.ofSeconds(7));
        FonellaClient retrying = emulator.clientBuilder(account.apiKey()).sleeper(d -> {
            throw new AssertionError("a POST must not be retried, but the client waited " + d);
        }).build();

        assertThatThrownBy(() -> retrying.apiKeys().create(CreateApiKeyRequest.of("x")))
                .isInstanceOfSatisfying(FonellaRateLimitException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(429);
                    assertThat(e.errorCode()).isEqualTo("rate_limited");
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
                    assertThat(e.getMessage()).contains("slow down");
                });
        assertThat(emulator.faults().pending()).isZero();
    }

    @Test
    void serverErrorIsAServerException() {
        emulator.faults().failNext(1, 500);

        assertThatThrownBy(() -> client.tools().list())
                .isInstanceOfSatisfying(FonellaServerException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(500);
                    assertThat(e.errorCode()).isEqualTo("internal_error");
                    assertThat(e.requestId()).isNotNull();
                    assertThat(e.getMessage()).contains("retry later");
                });
    }

    @Test
    void htmlErrorPageYieldsAClearExceptionWithoutTheHtml() {
        emulator.faults().inject(Fault.status(502).body("text/html; charset=utf-8",
                "<html><body><h1>502 Bad Gateway</h1></body></html>"));

        assertThatThrownBy(() -> client.tools().list())
                .isInstanceOfSatisfying(FonellaServerException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(502);
                    assertThat(e.errorCode()).isNull();
                    assertThat(e.errorMessage()).isNull();
                    assertThat(e.getMessage()).contains("GET /v1/tools failed with HTTP 502")
                            .contains("not a Fonella error").contains("text/html").doesNotContain("<h1>");
                });
    }

    @Test
    void emptyErrorBodyYieldsAClearException() {
        emulator.faults().inject(Fault.status(503).body(null, ""));

        assertThatThrownBy(() -> client.webhooks().list())
                .isInstanceOfSatisfying(FonellaServerException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(503);
                    assertThat(e.errorCode()).isNull();
                    assertThat(e.getMessage()).startsWith("GET /v1/webhooks failed with HTTP 503");
                });
    }

    @Test
    void malformedJsonErrorBodyYieldsAClearException() {
        emulator.faults().inject(Fault.status(400).body("application/json", "{\"success\": false, \"error\": {"));

        assertThatThrownBy(() -> client.calls().list())
                .isInstanceOfSatisfying(FonellaValidationException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.errorCode()).isNull();
                    assertThat(e.getMessage()).contains("HTTP 400").contains("application/json");
                });
    }

    @Test
    void flatJsonErrorBodyIsRead() {
        emulator.faults().inject(Fault.status(409).body("application/json",
                "{\"code\": \"conflict\", \"message\": \"try again\"}"));

        assertThatThrownBy(() -> client.calls().list())
                .isInstanceOfSatisfying(FonellaValidationException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("conflict");
                    assertThat(e.errorMessage()).isEqualTo("try again");
                });
    }

    @Test
    void successWithANonJsonBodyIsAnInvalidResponse() {
        emulator.faults().inject(Fault.status(200).body("text/html", "<html>Welcome to the proxy</html>"));

        assertThatThrownBy(() -> client.tools().list())
                .isInstanceOfSatisfying(FonellaApiException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("invalid_response");
                    assertThat(e.getMessage()).contains("not the documented JSON envelope");
                });
    }

    @Test
    void successWithoutTheEnvelopeFieldIsAnInvalidResponse() {
        emulator.faults().inject(Fault.status(200).body("application/json", "{\"success\": true}"));

        assertThatThrownBy(() -> client.tools().list())
                .isInstanceOfSatisfying(FonellaApiException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("invalid_response");
                    assertThat(e.getMessage()).contains("has no 'tools'");
                });
    }

    @Test
    void stoppedEmulatorIsAnIoExceptionAndRestartRecovers() {
        client.tools().list();
        String baseUrl = emulator.baseUrl();

        emulator.stop();

        assertThat(emulator.isRunning()).isFalse();
        assertThatThrownBy(() -> client.tools().list())
                .isInstanceOfSatisfying(FonellaIoException.class, e -> {
                    assertThat(e.getMessage()).contains(baseUrl).contains("could not be reached")
                            .doesNotContain(account.apiKey());
                    assertThat(e.getCause()).isInstanceOf(java.net.ConnectException.class);
                });

        emulator.restart();

        assertThat(emulator.baseUrl()).isEqualTo(baseUrl);
        assertThat(client.tools().list()).isEmpty();
    }

    @Test
    void slowAnswerBeyondTheRequestTimeoutIsAnIoException() {
        emulator.faults().latency(Duration.ofMillis(600));
        FonellaClient impatient = emulator.clientBuilder(account.apiKey()).retryPolicy(RetryPolicy.NONE)
                .requestTimeout(Duration.ofMillis(150)).build();

        assertThatThrownBy(() -> impatient.tools().list())
                .isInstanceOfSatisfying(FonellaIoException.class,
                        e -> assertThat(e.getMessage()).contains("did not answer within 150 ms"));
    }

    @Test
    void theApiKeyNeverAppearsInToStringOrMessages() {
        String key = account.apiKey();
        ApiKey created = emulator.client(key).apiKeys().create(CreateApiKeyRequest.of("Shown once"));

        assertThat(client.toString()).contains(key.substring(0, 16)).doesNotContain(key);
        assertThat(account.toString()).doesNotContain(key);
        assertThat(emulator.toString()).doesNotContain(emulator.apiKey());
        assertThat(created.toString()).doesNotContain(created.token());
        emulator.faults().failNext(1, 401);
        assertThatThrownBy(() -> client.tools().list())
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(key).contains(key.substring(0, 16)));
        emulator.stop();
        assertThatThrownBy(() -> client.tools().list())
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(key));
    }
}
