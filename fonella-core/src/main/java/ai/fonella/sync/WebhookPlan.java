package ai.fonella.sync;

import ai.fonella.internal.Copies;
import ai.fonella.model.EventType;
import ai.fonella.model.Webhook;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a webhook subscription sync would change, computed by {@link WebhookSyncPlanner} and applied
 * by {@link WebhookSync}: one subscription at this app's webhook URL, for exactly the events its
 * handlers take. {@link #render()} is the readable form:
 *
 * <pre>
 * ~ update subscription wh_1: events, enabled
 * - delete duplicate subscription wh_2
 * </pre>
 *
 * @param url this app's webhook URL
 * @param events the event types this app's handlers take
 * @param description the description a created subscription gets
 * @param action what happens to the kept subscription
 * @param kept the oldest subscription at the URL, which every instance keeps; {@code null} when
 *     one is to be created
 * @param changedFields for {@link Action#UPDATE}, which fields differ ({@code events},
 *     {@code enabled}); else empty
 * @param duplicates the younger subscriptions at the URL, to be removed
 */
public record WebhookPlan(String url, Set<EventType> events, String description, Action action, Webhook kept,
        List<String> changedFields, List<Webhook> duplicates) {

    /** What happens to the subscription this app keeps. */
    public enum Action {
        /** There is none at the URL: create it. */
        CREATE,
        /** The oldest one at the URL has other events or is disabled: update it. */
        UPDATE,
        /** The oldest one at the URL matches. */
        UNCHANGED
    }

    /** Validates and copies. */
    public WebhookPlan {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(action, "action");
        events = Set.copyOf(events);
        changedFields = Copies.list(changedFields);
        duplicates = Copies.list(duplicates);
        if ((action == Action.CREATE) != (kept == null)) {
            throw new IllegalArgumentException("kept is absent exactly when the action is CREATE");
        }
    }

    /**
     * Whether applying the plan sends no write at all.
     *
     * @return {@code true} when the kept subscription matches and there are no duplicates
     */
    public boolean isEmpty() {
        return action == Action.UNCHANGED && duplicates.isEmpty();
    }

    /**
     * The plan as lines for logs; secrets never appear.
     *
     * @return one line per change, or {@code = subscription <id> unchanged}
     */
    public String render() {
        StringBuilder out = new StringBuilder();
        List<String> names = events.stream().sorted().map(EventType::wireName).toList();
        switch (action) {
            case CREATE -> out.append("+ create subscription for ").append(url).append(": ")
                    .append(String.join(", ", names));
            case UPDATE -> out.append("~ update subscription ").append(kept.webhookId()).append(": ")
                    .append(String.join(", ", changedFields));
            case UNCHANGED -> out.append("= subscription ").append(kept.webhookId()).append(" unchanged");
        }
        for (Webhook duplicate : duplicates) {
            out.append("\n- delete duplicate subscription ").append(duplicate.webhookId());
        }
        return out.toString();
    }
}
