package ai.fonella.spring.boot.registry;

import ai.fonella.support.Secrets;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The secrets the Fonella endpoints check: the tool secret required on every tool invocation, and
 * the webhook signing secrets (the configured ones plus those of this app's registered
 * subscription). Thread-safe; secrets that arrive at startup (derived or returned by the API) are
 * published here.
 */
public class FonellaSecrets {

    private final List<String> configuredWebhookSecrets;
    private volatile List<String> webhookSecrets;
    private volatile String toolSecret;
    private volatile byte[] toolSecretBytes;

    /**
     * @param configuredWebhookSecrets {@code fonella.webhooks.secrets}
     * @param toolSecret the tool secret, or {@code null} until it is derived at startup
     */
    public FonellaSecrets(Collection<String> configuredWebhookSecrets, String toolSecret) {
        this.configuredWebhookSecrets = List.copyOf(configuredWebhookSecrets);
        this.webhookSecrets = this.configuredWebhookSecrets;
        setToolSecret(toolSecret);
    }

    /**
     * The secrets a webhook delivery may be signed with. Returns the same list instance until the
     * secrets change, so the verifier reuses its derived keys.
     *
     * @return configured secrets first, then registered ones
     */
    public List<String> webhookSecrets() {
        return webhookSecrets;
    }

    /**
     * Accepts the secrets of this app's webhook subscriptions, as the API returned them.
     *
     * @param registered the secrets
     */
    public synchronized void setRegisteredWebhookSecrets(Collection<String> registered) {
        Set<String> all = new LinkedHashSet<>(configuredWebhookSecrets);
        registered.stream().filter(secret -> secret != null && !secret.isBlank()).forEach(all::add);
        List<String> next = List.copyOf(all);
        if (!next.equals(webhookSecrets)) {
            webhookSecrets = next;
        }
    }

    /**
     * The tool secret registered with every tool.
     *
     * @return the secret, empty until it is known
     */
    public Optional<String> toolSecret() {
        return Optional.ofNullable(toolSecret);
    }

    /**
     * Publishes the tool secret.
     *
     * @param secret the secret
     */
    public synchronized void setToolSecret(String secret) {
        this.toolSecret = secret;
        this.toolSecretBytes = secret == null ? null : secret.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Compares a presented tool secret with the expected one in constant time.
     *
     * @param presented the header value, may be {@code null}
     * @return {@code true} only when a secret is known and equal
     */
    public boolean toolSecretMatches(String presented) {
        byte[] expected = toolSecretBytes;
        if (expected == null || presented == null) {
            return false;
        }
        return MessageDigest.isEqual(expected, presented.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        List<String> masked = new ArrayList<>();
        webhookSecrets.forEach(secret -> masked.add(Secrets.mask(secret)));
        return "FonellaSecrets[toolSecret=" + Secrets.mask(toolSecret) + ", webhookSecrets=" + masked + "]";
    }
}
