package ai.fonella.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.fonella.model.EventType;
import ai.fonella.model.Webhook;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WebhookSyncPlannerTests {

    private static final ToolEndpoint ENDPOINT = ToolEndpoint.of("https://shop.example.com", "s3cret");
    private static final String URL = ENDPOINT.webhookUrl();
    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
    private static final Set<EventType> ENDED = EnumSet.of(EventType.CALL_ENDED);

    private final WebhookSyncPlanner planner = new WebhookSyncPlanner();

    @Test
    void plansACreateWhenNoSubscriptionIsAtTheAppsUrl() {
        Webhook foreign = webhook("wh_other", "https://other.example.com/hooks", ENDED, true, T0);

        WebhookPlan plan = planner.plan(ENDPOINT, ENDED, List.of(foreign));

        assertThat(plan.action()).isEqualTo(WebhookPlan.Action.CREATE);
        assertThat(plan.description()).isEqualTo("Fonella for Java: " + URL);
        assertThat(plan.duplicates()).isEmpty();
        assertThat(plan.render()).isEqualTo("+ create subscription for " + URL + ": call.ended");
    }

    @Test
    void plansNothingWhenTheSubscriptionMatches() {
        WebhookPlan plan = planner.plan(ENDPOINT, ENDED, List.of(webhook("wh_1", URL, ENDED, true, T0)));

        assertThat(plan.isEmpty()).isTrue();
        assertThat(plan.render()).isEqualTo("= subscription wh_1 unchanged");
    }

    @Test
    void updatesTheEventsAndReenablesADisabledSubscription() {
        Webhook disabled = webhook("wh_1", URL, EnumSet.of(EventType.CALL_STARTED), false, T0);

        WebhookPlan plan = planner.plan(ENDPOINT, ENDED, List.of(disabled));

        assertThat(plan.action()).isEqualTo(WebhookPlan.Action.UPDATE);
        assertThat(plan.changedFields()).containsExactly("events", "enabled");
        assertThat(plan.render()).isEqualTo("~ update subscription wh_1: events, enabled");
    }

    @Test
    void aRepairAddsMissingEventTypesAndKeepsTheOthers() {
        Webhook other = webhook("wh_1", URL, EnumSet.of(EventType.CALL_STARTED), false, T0);

        WebhookPlan plan = planner.planRepair(ENDPOINT, ENDED, List.of(other));

        assertThat(plan.action()).isEqualTo(WebhookPlan.Action.UPDATE);
        assertThat(plan.events()).containsExactlyInAnyOrder(EventType.CALL_ENDED, EventType.CALL_STARTED);
        assertThat(plan.changedFields()).containsExactly("events", "enabled");
    }

    @Test
    void aRepairChangesNothingWhenTheSubscriptionHasMoreEventTypesThanTheApp() {
        Webhook wider = webhook("wh_1", URL, EnumSet.of(EventType.CALL_ENDED, EventType.CALL_STARTED), true, T0);

        assertThat(planner.planRepair(ENDPOINT, ENDED, List.of(wider)).isEmpty()).isTrue();
        assertThat(planner.plan(ENDPOINT, ENDED, List.of(wider)).changedFields()).containsExactly("events");
    }

    @Test
    void keepsTheOldestRegistrationAndRemovesTheRestWhateverOrderTheyAreListedIn() {
        Webhook younger = webhook("wh_2", URL, ENDED, true, T0.plusSeconds(1));
        Webhook oldest = webhook("wh_1", URL, ENDED, true, T0);

        WebhookPlan plan = planner.plan(ENDPOINT, ENDED, List.of(younger, oldest));

        assertThat(plan.kept().webhookId()).isEqualTo("wh_1");
        assertThat(plan.duplicates()).extracting(Webhook::webhookId).containsExactly("wh_2");
        assertThat(plan.render()).isEqualTo("= subscription wh_1 unchanged\n- delete duplicate subscription wh_2");
    }

    @Test
    void recognisesItsOwnSubscriptionByDescriptionWhenTheApiLeavesTheUrlOut() {
        Webhook withoutUrl = new Webhook("wh_1", null, List.of(EventType.CALL_ENDED), "whsec_1", true,
                WebhookSyncPlanner.DESCRIPTION_PREFIX + URL, 0, null, null, T0);
        Webhook someoneElses = new Webhook("wh_9", null, List.of(EventType.CALL_ENDED), "whsec_9", true,
                "CRM", 0, null, null, T0);

        WebhookPlan plan = planner.plan(ENDPOINT, ENDED, List.of(someoneElses, withoutUrl));

        assertThat(plan.kept().webhookId()).isEqualTo("wh_1");
        assertThat(plan.duplicates()).isEmpty();
    }

    @Test
    void refusesToPlanASubscriptionWithoutEvents() {
        assertThatThrownBy(() -> planner.plan(ENDPOINT, Set.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("events must not be empty");
    }

    private static Webhook webhook(String id, String url, Set<EventType> events, boolean enabled, Instant createdAt) {
        return new Webhook(id, url, List.copyOf(events), "whsec_" + id, enabled, "Fonella for Java: " + url, 0, null,
                null, createdAt);
    }
}
