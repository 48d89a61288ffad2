package ai.fonella.sync;

import ai.fonella.model.EventType;
import ai.fonella.model.Webhook;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Computes a {@link WebhookPlan} from the events this app handles and the subscriptions the API
 * lists. Pure: it sends nothing. {@link WebhookSync} lists, plans and applies.
 *
 * <p>Rules:
 * <ul>
 * <li>This app's subscriptions are those at its webhook URL (or, when the API leaves the URL out,
 *     those with the description this SDK gives them); no other subscription is ever changed.</li>
 * <li>The oldest of them ({@code createdAt}; ties keep the API's order, which is creation order) is
 *     kept, so every instance started at the same moment agrees which one; the others are
 *     removed.</li>
 * <li>The kept one is updated to exactly the events this app handles, and enabled.</li>
 * </ul>
 */
public final class WebhookSyncPlanner {

    /** Starts the description of every subscription this SDK creates; the webhook URL follows. */
    public static final String DESCRIPTION_PREFIX = "Fonella for Java: ";

    /** Oldest first; a stable sort keeps the API's order among equal times. */
    static final Comparator<Webhook> OLDEST_FIRST =
            Comparator.comparing(Webhook::createdAt, Comparator.nullsLast(Comparator.naturalOrder()));

    /**
     * Plans a subscription sync.
     *
     * @param endpoint this app's endpoint, whose {@link ToolEndpoint#webhookUrl()} deliveries go to
     * @param events the event types this app's handlers take, not empty
     * @param existing every subscription the API lists for the account
     * @return the plan
     */
    public WebhookPlan plan(ToolEndpoint endpoint, Set<EventType> events, Collection<Webhook> existing) {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(existing, "existing");
        if (events == null || events.isEmpty()) {
            throw new IllegalArgumentException("events must not be empty: a subscription needs at least one event "
                    + "type; without event handlers, do not subscribe at all");
        }
        String url = endpoint.webhookUrl();
        String description = DESCRIPTION_PREFIX + url;
        List<Webhook> ours = ours(existing, url, description);
        if (ours.isEmpty()) {
            return new WebhookPlan(url, events, description, WebhookPlan.Action.CREATE, null, List.of(), List.of());
        }
        Webhook kept = ours.get(0);
        Set<EventType> current = kept.events().isEmpty() ? EnumSet.noneOf(EventType.class)
                : EnumSet.copyOf(kept.events());
        List<String> changed = new ArrayList<>();
        if (!current.equals(events)) {
            changed.add("events");
        }
        if (!kept.enabled()) {
            changed.add("enabled");
        }
        return new WebhookPlan(url, events, description,
                changed.isEmpty() ? WebhookPlan.Action.UNCHANGED : WebhookPlan.Action.UPDATE, kept, changed,
                ours.subList(1, ours.size()));
    }

    /**
     * Plans a repair while the app runs: as {@link #plan}, but the kept subscription keeps event
     * types it has beyond {@code events}; only missing ones are added. So two versions of an app
     * with other handlers, sharing one subscription during a rolling deploy, do not take each
     * other's event types away; the plan at the next start sets them exactly.
     *
     * @param endpoint this app's endpoint
     * @param events the event types this app's handlers take, not empty
     * @param existing every subscription the API lists for the account
     * @return the plan
     */
    public WebhookPlan planRepair(ToolEndpoint endpoint, Set<EventType> events, Collection<Webhook> existing) {
        WebhookPlan exact = plan(endpoint, events, existing);
        if (exact.kept() == null || events.containsAll(exact.kept().events())) {
            return exact;
        }
        Set<EventType> union = EnumSet.copyOf(events);
        union.addAll(exact.kept().events());
        return plan(endpoint, union, existing);
    }

    /**
     * This app's subscriptions among those listed, oldest first.
     *
     * @param existing the listed subscriptions
     * @param url this app's webhook URL
     * @param description the description this SDK gives its subscriptions at that URL
     * @return the app's subscriptions
     */
    static List<Webhook> ours(Collection<Webhook> existing, String url, String description) {
        return existing.stream()
                .filter(webhook -> url.equals(webhook.url())
                        || (webhook.url() == null && description.equals(webhook.description())))
                .sorted(OLDEST_FIRST)
                .toList();
    }
}
