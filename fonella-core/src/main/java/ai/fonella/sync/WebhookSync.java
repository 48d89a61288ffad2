package ai.fonella.sync;

import ai.fonella.client.FonellaApiException;
import ai.fonella.client.FonellaClient;
import ai.fonella.client.FonellaNotFoundException;
import ai.fonella.client.WebhookService;
import ai.fonella.model.CreateWebhookRequest;
import ai.fonella.model.EventType;
import ai.fonella.model.UpdateWebhookRequest;
import ai.fonella.model.Webhook;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this app's webhook subscription in step with its event handlers: lists once, plans with
 * {@link WebhookSyncPlanner}, applies the plan. The Spring Boot starter runs it at startup; a plain
 * Java app calls it itself.
 *
 * <pre>{@code
 * WebhookSync sync = new WebhookSync(client);
 * WebhookPlan plan = sync.plan(endpoint, EnumSet.of(EventType.CALL_ENDED));
 * WebhookSyncResult result = sync.apply(plan);
 * acceptedSecrets.addAll(0, result.secrets());   // for the WebhookVerifier
 * }</pre>
 *
 * <p>Instances of one app started at the same moment converge on one subscription: an instance that
 * creates one lists again and, as every instance does, keeps the oldest and removes the rest,
 * accepting the secrets of all of them so that whatever was already delivered still verifies.
 *
 * <p>Run {@link #repair} while the app runs, not only {@link #sync} at startup: Fonella disables a
 * subscription after repeated failed deliveries, and a subscription may be deleted in the console;
 * a repair re-enables or re-creates it (the starter does so every
 * {@code fonella.webhooks.reconcile-interval}).
 */
public final class WebhookSync {

    private static final Logger log = LoggerFactory.getLogger(WebhookSync.class);

    private final WebhookService webhooks;
    private final WebhookSyncPlanner planner = new WebhookSyncPlanner();

    /**
     * A sync through a client.
     *
     * @param client the API client
     */
    public WebhookSync(FonellaClient client) {
        this.webhooks = Objects.requireNonNull(client, "client").webhooks();
    }

    /**
     * Lists the subscriptions and plans; changes nothing.
     *
     * @param endpoint this app's endpoint
     * @param events the event types this app's handlers take, not empty
     * @return the plan
     */
    public WebhookPlan plan(ToolEndpoint endpoint, Set<EventType> events) {
        return planner.plan(endpoint, events, webhooks.list());
    }

    /**
     * Plans and applies in one go.
     *
     * @param endpoint this app's endpoint
     * @param events the event types this app's handlers take, not empty
     * @return what was done
     */
    public WebhookSyncResult sync(ToolEndpoint endpoint, Set<EventType> events) {
        return apply(plan(endpoint, events));
    }

    /**
     * Repairs the subscription while the app runs: lists, plans with
     * {@link WebhookSyncPlanner#planRepair} (missing event types are added, none removed) and
     * applies. Run it periodically beside the startup {@link #sync}.
     *
     * @param endpoint this app's endpoint
     * @param events the event types this app's handlers take, not empty
     * @return what was done
     */
    public WebhookSyncResult repair(ToolEndpoint endpoint, Set<EventType> events) {
        return apply(planner.planRepair(endpoint, events, webhooks.list()));
    }

    /**
     * Applies a plan: creates or updates the kept subscription, then removes duplicates (deletes
     * them, or disables them where the API does not delete). After a create, lists once more and
     * converges on the oldest, in case another instance created one at the same moment.
     *
     * @param plan the plan
     * @return what was done
     * @throws ai.fonella.FonellaException if a request fails; a later sync picks up where it stopped
     */
    public WebhookSyncResult apply(WebhookPlan plan) {
        List<String> secrets = new ArrayList<>();
        List<Webhook> duplicates = new ArrayList<>(plan.duplicates());
        Webhook kept = plan.kept();
        List<EventType> events = plan.events().stream().sorted().toList();
        if (plan.action() == WebhookPlan.Action.CREATE) {
            Webhook created = webhooks.create(new CreateWebhookRequest(plan.url(), events, plan.description()));
            log.info("Fonella: created webhook subscription {} for {} ({})", created.webhookId(), plan.url(),
                    wireNames(events));
            List<Webhook> ours = WebhookSyncPlanner.ours(webhooks.list(), plan.url(), plan.description());
            kept = ours.isEmpty() ? created : ours.get(0);
            if (!kept.webhookId().equals(created.webhookId())) {
                secrets.add(created.secret()); // another instance's is older; ours may already have signed
            }
            duplicates = new ArrayList<>(ours.isEmpty() ? List.of() : ours.subList(1, ours.size()));
        }
        if (plan.action() == WebhookPlan.Action.UPDATE || (plan.action() == WebhookPlan.Action.CREATE
                && (!kept.enabled() || !Set.copyOf(kept.events()).equals(plan.events())))) {
            kept = webhooks.update(kept.webhookId(), UpdateWebhookRequest.builder()
                    .events(events).enabled(true).build());
            log.info("Fonella: updated webhook subscription {} for {} ({})", kept.webhookId(), plan.url(),
                    wireNames(events));
        }
        int removed = 0;
        for (Webhook duplicate : duplicates) {
            secrets.add(duplicate.secret());
            if (remove(duplicate)) {
                removed++;
            }
        }
        secrets.add(0, kept.secret());
        return new WebhookSyncResult(plan, kept, secrets.stream().filter(Objects::nonNull).distinct().toList(),
                removed);
    }

    private boolean remove(Webhook duplicate) {
        try {
            webhooks.delete(duplicate.webhookId());
            log.info("Fonella: removed duplicate webhook subscription {}", duplicate.webhookId());
            return true;
        } catch (FonellaNotFoundException alreadyRemoved) {
            log.debug("Fonella: duplicate webhook subscription {} was already removed", duplicate.webhookId());
            return false;
        } catch (FonellaApiException deleteUnsupported) {
            try {
                webhooks.update(duplicate.webhookId(), UpdateWebhookRequest.builder().enabled(false).build());
                log.info("Fonella: disabled duplicate webhook subscription {}", duplicate.webhookId());
                return true;
            } catch (FonellaApiException e) {
                log.warn("Fonella: could not remove duplicate webhook subscription {}: {}", duplicate.webhookId(),
                        e.getMessage());
                return false;
            }
        }
    }

    private static List<String> wireNames(List<EventType> events) {
        return events.stream().map(EventType::wireName).toList();
    }
}
