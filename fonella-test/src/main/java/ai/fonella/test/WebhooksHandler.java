package ai.fonella.test;

import ai.fonella.model.ApiRules;
import ai.fonella.model.CreateWebhookRequest;
import ai.fonella.model.UpdateWebhookRequest;
import ai.fonella.model.Webhook;
import ai.fonella.webhook.WebhookSigner;

/** {@code /v1/webhooks}: subscriptions, with the {@code webhooks:manage} scope. */
final class WebhooksHandler implements ResourceHandler {

    private final EmulatorState state;
    private final EmulatorSettings settings;

    WebhooksHandler(EmulatorState state, EmulatorSettings settings) {
        this.state = state;
        this.settings = settings;
    }

    @Override
    public ApiResponse collection(ApiRequest request, Caller caller) {
        if (request.method().equals("GET")) {
            return ApiResponse.success(200, "webhooks", caller.account().webhooks());
        }
        CreateWebhookRequest body = request.bodyAs(CreateWebhookRequest.class);
        ApiError.rule(() -> ApiRules.requireHttpsUrl("url", body.url(), settings.allowLoopbackHttp()));
        ApiError.rule(() -> ApiRules.requireEvents("events", body.events()));
        Webhook webhook = new Webhook(Ids.uuid(), body.url(), body.events().stream().distinct().toList(),
                WebhookSigner.generateSecret(), true, body.description(), 0, null, null, state.now());
        caller.account().addWebhook(webhook);
        return ApiResponse.success(201, "webhook", webhook);
    }

    @Override
    public ApiResponse item(ApiRequest request, Caller caller, String webhookId) {
        if (request.method().equals("DELETE")) {
            if (caller.account().removeWebhook(webhookId) == null) {
                throw notFound(webhookId);
            }
            return ApiResponse.success();
        }
        UpdateWebhookRequest body = request.bodyAs(UpdateWebhookRequest.class);
        if (body.url() != null) {
            ApiError.rule(() -> ApiRules.requireHttpsUrl("url", body.url(), settings.allowLoopbackHttp()));
        }
        if (body.events() != null) {
            ApiError.rule(() -> ApiRules.requireEvents("events", body.events()));
        }
        Webhook updated = caller.account().updateWebhook(webhookId, w -> {
            boolean enabled = body.enabled() != null ? body.enabled() : w.enabled();
            // Enabling (re-enabling) resets the failure counter, as the reference says.
            int failureCount = Boolean.TRUE.equals(body.enabled()) ? 0 : w.failureCount();
            return new Webhook(w.webhookId(),
                    body.url() != null ? body.url() : w.url(),
                    body.events() != null ? body.events().stream().distinct().toList() : w.events(),
                    w.secret(),
                    enabled,
                    body.description() != null ? body.description() : w.description(),
                    failureCount, w.lastDeliveredAt(), w.lastFailedAt(), w.createdAt());
        });
        if (updated == null) {
            throw notFound(webhookId);
        }
        return ApiResponse.success(200, "webhook", updated);
    }

    private static ApiError notFound(String webhookId) {
        return ApiError.notFound("No webhook subscription with webhookId '" + webhookId + "' in this account.");
    }
}
