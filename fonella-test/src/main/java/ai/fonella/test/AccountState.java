package ai.fonella.test;

import ai.fonella.model.ApiRules;
import ai.fonella.model.ApiKey;
import ai.fonella.model.Call;
import ai.fonella.model.EventType;
import ai.fonella.model.Tool;
import ai.fonella.model.Webhook;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Everything one account owns: API keys, webhook subscriptions, tools and calls. Models are
 * immutable records replaced on change; every method holds the account's lock, so concurrent
 * requests and deliveries see consistent state.
 */
final class AccountState {

    private final String id;
    private final Map<String, ApiKey> keys = new LinkedHashMap<>();
    private final Map<String, Webhook> webhooks = new LinkedHashMap<>();
    private final Map<String, Tool> tools = new LinkedHashMap<>();
    private final Map<String, StoredCall> calls = new LinkedHashMap<>();
    private long callSequence;

    AccountState(String id) {
        this.id = id;
    }

    String id() {
        return id;
    }

    // --- API keys ---

    synchronized void addKey(ApiKey key) {
        if (keys.size() >= ApiRules.MAX_API_KEYS) {
            throw ApiError.limitExceeded("This account already has " + ApiRules.MAX_API_KEYS
                    + " API keys, the maximum; delete one with DELETE /v1/me/api-keys/{keyId} first.");
        }
        keys.put(key.keyId(), key);
    }

    synchronized List<ApiKey> keys() {
        return List.copyOf(keys.values());
    }

    synchronized ApiKey key(String keyId) {
        return keys.get(keyId);
    }

    synchronized ApiKey removeKey(String keyId) {
        return keys.remove(keyId);
    }

    synchronized void touchKey(String keyId, Instant usedAt) {
        keys.computeIfPresent(keyId, (k, key) -> new ApiKey(key.keyId(), key.name(), key.prefix(), key.scopes(),
                usedAt, key.createdAt(), key.expiresAt(), key.token()));
    }

    // --- webhooks ---

    synchronized void addWebhook(Webhook webhook) {
        if (webhooks.size() >= ApiRules.MAX_WEBHOOKS) {
            throw ApiError.limitExceeded("This account already has " + ApiRules.MAX_WEBHOOKS
                    + " webhook subscriptions, the maximum; delete or reuse one first.");
        }
        webhooks.put(webhook.webhookId(), webhook);
    }

    synchronized List<Webhook> webhooks() {
        return List.copyOf(webhooks.values());
    }

    synchronized Webhook webhook(String webhookId) {
        return webhooks.get(webhookId);
    }

    /** Replaces a subscription; {@code null} when there is none with that id. */
    synchronized Webhook updateWebhook(String webhookId, UnaryOperator<Webhook> change) {
        return webhooks.computeIfPresent(webhookId, (k, webhook) -> change.apply(webhook));
    }

    synchronized Webhook removeWebhook(String webhookId) {
        return webhooks.remove(webhookId);
    }

    /** The enabled subscriptions to an event type, in creation order. */
    synchronized List<Webhook> subscribers(EventType type) {
        return webhooks.values().stream().filter(w -> w.enabled() && w.events().contains(type)).toList();
    }

    /** A successful delivery: sets {@code lastDeliveredAt} and resets {@code failureCount}. */
    synchronized Webhook deliverySucceeded(String webhookId, Instant at) {
        return updateWebhook(webhookId, w -> new Webhook(w.webhookId(), w.url(), w.events(), w.secret(), w.enabled(),
                w.description(), 0, at, w.lastFailedAt(), w.createdAt()));
    }

    /**
     * A failed delivery attempt: increments {@code failureCount}, sets {@code lastFailedAt}, and
     * disables the subscription at {@value EmulatorSettings#MAX_CONSECUTIVE_FAILURES}.
     */
    synchronized Webhook deliveryFailed(String webhookId, Instant at) {
        return updateWebhook(webhookId, w -> {
            int failures = w.failureCount() + 1;
            boolean enabled = w.enabled() && failures < EmulatorSettings.MAX_CONSECUTIVE_FAILURES;
            return new Webhook(w.webhookId(), w.url(), w.events(), w.secret(), enabled, w.description(), failures,
                    w.lastDeliveredAt(), at, w.createdAt());
        });
    }

    // --- tools ---

    synchronized void addTool(Tool tool) {
        if (tools.size() >= ApiRules.MAX_TOOLS) {
            throw ApiError.limitExceeded("This account already has " + ApiRules.MAX_TOOLS
                    + " tools, the maximum; delete one with DELETE /v1/tools/{toolId} first.");
        }
        tools.put(tool.toolId(), tool);
    }

    synchronized List<Tool> tools() {
        return List.copyOf(tools.values());
    }

    synchronized Tool updateTool(String toolId, UnaryOperator<Tool> change) {
        return tools.computeIfPresent(toolId, (k, tool) -> change.apply(tool));
    }

    synchronized Tool removeTool(String toolId) {
        return tools.remove(toolId);
    }

    /** The first enabled tool with that name, else the first disabled one, in creation order. */
    synchronized Optional<Tool> toolNamed(String name) {
        Tool disabled = null;
        for (Tool tool : tools.values()) {
            if (tool.name().equals(name)) {
                if (tool.enabled()) {
                    return Optional.of(tool);
                }
                disabled = disabled == null ? tool : disabled;
            }
        }
        return Optional.ofNullable(disabled);
    }

    // --- calls ---

    /** Stores a call, or replaces the stored version of the same call keeping its place in the log. */
    synchronized void putCall(Call call) {
        StoredCall existing = calls.get(call.id());
        long sequence = existing != null ? existing.sequence() : ++callSequence;
        calls.put(call.id(), new StoredCall(call, sequence));
    }

    synchronized Call call(String callId) {
        StoredCall stored = calls.get(callId);
        return stored == null ? null : stored.call();
    }

    /** All calls, newest first: by {@code startedAt}, then by the order they were placed. */
    synchronized List<Call> callsNewestFirst() {
        List<StoredCall> sorted = new ArrayList<>(calls.values());
        sorted.sort(Comparator.comparing((StoredCall c) -> c.call().startedAt()).thenComparingLong(StoredCall::sequence)
                .reversed());
        return sorted.stream().map(StoredCall::call).toList();
    }

    private record StoredCall(Call call, long sequence) {
    }
}
