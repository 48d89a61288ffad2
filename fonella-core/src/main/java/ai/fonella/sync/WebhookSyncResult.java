package ai.fonella.sync;

import ai.fonella.internal.Copies;
import ai.fonella.model.Webhook;
import java.util.List;
import java.util.Objects;

/**
 * What {@link WebhookSync#apply} did.
 *
 * @param plan the plan that was applied
 * @param subscription this app's subscription, as the API returned it last
 * @param secrets the signing secrets to accept: the kept subscription's first, then those of
 *     subscriptions removed as duplicates (Fonella may still deliver what they signed)
 * @param duplicatesRemoved how many duplicate subscriptions were deleted or, where deleting is not
 *     supported, disabled
 */
public record WebhookSyncResult(WebhookPlan plan, Webhook subscription, List<String> secrets,
        int duplicatesRemoved) {

    /** Validates and copies. */
    public WebhookSyncResult {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(subscription, "subscription");
        secrets = Copies.list(secrets);
    }
}
