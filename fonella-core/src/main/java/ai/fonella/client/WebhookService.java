package ai.fonella.client;

import ai.fonella.model.ApiRules;
import ai.fonella.model.CreateWebhookRequest;
import ai.fonella.model.UpdateWebhookRequest;
import ai.fonella.model.Webhook;
import java.util.List;
import java.util.Objects;

/**
 * Webhook subscriptions: {@code /v1/webhooks}. Needs the {@code webhooks:manage} scope. Get it from
 * {@link FonellaClient#webhooks()}.
 */
public final class WebhookService {

    private static final String PATH = "/v1/webhooks";
    private static final String SCOPE = "webhooks:manage";

    private final Transport transport;
    private final boolean allowLoopbackHttp;

    WebhookService(Transport transport, boolean allowLoopbackHttp) {
        this.transport = transport;
        this.allowLoopbackHttp = allowLoopbackHttp;
    }

    /**
     * Subscribes an HTTPS URL to events. The answer carries the signing secret. At most 10 per account.
     *
     * @param request url, non-empty events, optional description
     * @return the subscription, with its secret
     */
    public Webhook create(CreateWebhookRequest request) {
        Objects.requireNonNull(request, "request");
        ApiRules.requireHttpsUrl("url", request.url(), allowLoopbackHttp);
        ApiRules.requireEvents("events", request.events());
        return Envelope.single(transport.json(), transport.send("POST", PATH, request, SCOPE), "webhook",
                Webhook.class, "POST " + PATH);
    }

    /**
     * Lists the account's subscriptions.
     *
     * @return the subscriptions
     */
    public List<Webhook> list() {
        return Envelope.list(transport.json(), transport.send("GET", PATH, null, SCOPE), "webhooks", Webhook.class,
                "GET " + PATH);
    }

    /**
     * Changes only the fields set in the request. Re-enabling resets the failure counter to 0.
     *
     * @param webhookId the subscription's id
     * @param request the fields to change
     * @return the updated subscription
     */
    public Webhook update(String webhookId, UpdateWebhookRequest request) {
        Objects.requireNonNull(request, "request");
        if (request.url() != null) {
            ApiRules.requireHttpsUrl("url", request.url(), allowLoopbackHttp);
        }
        if (request.events() != null) {
            ApiRules.requireEvents("events", request.events());
        }
        String path = Paths.withId(PATH, "webhookId", webhookId);
        return Envelope.single(transport.json(), transport.send("PATCH", path, request, SCOPE), "webhook",
                Webhook.class, "PATCH " + path);
    }

    /**
     * Deletes a subscription.
     *
     * <p>{@code DELETE /v1/webhooks/{webhookId}} is not in the published API reference; the emulator
     * serves it, and against a service without it this throws {@link FonellaApiException} (404 or 405).
     * To stop deliveries with documented calls only, use {@link #update} with {@code enabled(false)}.
     *
     * @param webhookId the subscription's id
     */
    public void delete(String webhookId) {
        transport.send("DELETE", Paths.withId(PATH, "webhookId", webhookId), null, SCOPE);
    }
}
