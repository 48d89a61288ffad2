package ai.fonella.test;

import ai.fonella.support.Secrets;
import ai.fonella.model.ApiKey;
import ai.fonella.model.ApiKeyScope;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The accounts of one emulator and the index from API key tokens to their keys. Seeded accounts
 * (the default one and those given to the builder) survive {@link #reset()} with their tokens.
 */
final class EmulatorState {

    /** Every scope, what a key created without scopes gets. */
    static final List<ApiKeyScope> ALL_SCOPES = List.copyOf(EnumSet.complementOf(EnumSet.of(ApiKeyScope.UNKNOWN)));

    private final Clock clock;
    private final Map<String, AccountState> accounts = new ConcurrentHashMap<>();
    private final Map<String, KeyRef> tokens = new ConcurrentHashMap<>();
    private final List<Seed> seeds = new ArrayList<>();

    EmulatorState(Clock clock) {
        this.clock = clock;
    }

    /** Now, to the millisecond, as every timestamp the emulator hands out. */
    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * Creates an account with one all-scope key.
     *
     * @param token the key's exact token, or {@code null} for a generated one
     * @param seeded whether the account survives {@link #reset()}
     * @return the account; its first key is the one created here
     */
    synchronized AccountState createAccount(String token, boolean seeded) {
        String exact = token == null ? Ids.apiKeyToken() : requireUsableToken(token);
        AccountState account = new AccountState(Ids.accountId());
        ApiKey key = newKey(seeded ? "Emulator seed key" : "Emulator account key", ALL_SCOPES, null, exact);
        account.addKey(key);
        accounts.put(account.id(), account);
        tokens.put(exact, new KeyRef(account.id(), key.keyId()));
        if (seeded) {
            seeds.add(new Seed(account.id(), key));
        }
        return account;
    }

    AccountState account(String accountId) {
        return accounts.get(accountId);
    }

    /** The account whose key has this token, or {@code null}. */
    AccountState accountOfToken(String token) {
        KeyRef ref = token == null ? null : tokens.get(token);
        return ref == null ? null : accounts.get(ref.accountId());
    }

    /**
     * Creates a key in an account.
     *
     * @param scopes the scopes; empty means all
     * @param expiresAt expiry, or {@code null}
     * @return the key with its token
     */
    synchronized ApiKey createKey(AccountState account, String name, List<ApiKeyScope> scopes, Instant expiresAt) {
        String token = Ids.apiKeyToken();
        ApiKey key = newKey(name, scopes.isEmpty() ? ALL_SCOPES : List.copyOf(EnumSet.copyOf(scopes)), expiresAt,
                token);
        account.addKey(key);
        tokens.put(token, new KeyRef(account.id(), key.keyId()));
        return key;
    }

    /** Deletes a key; {@code false} when the account has no key with that id. */
    synchronized boolean deleteKey(AccountState account, String keyId) {
        ApiKey removed = account.removeKey(keyId);
        if (removed == null) {
            return false;
        }
        tokens.remove(removed.token());
        return true;
    }

    /**
     * Resolves an {@code Authorization} header to its key; 401 when it is missing, malformed,
     * unknown, deleted or expired. Messages never repeat the token.
     */
    Caller authenticate(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw ApiError.unauthorized("The request has no Authorization header; send 'Authorization: Bearer "
                    + "fon_live_...' with an API key.");
        }
        String token = bearerToken(authorization);
        if (token == null) {
            throw ApiError.unauthorized("The Authorization header is not a Bearer token; send 'Authorization: "
                    + "Bearer fon_live_...'.");
        }
        KeyRef ref = tokens.get(token);
        AccountState account = ref == null ? null : accounts.get(ref.accountId());
        ApiKey key = account == null ? null : account.key(ref.keyId());
        if (key == null) {
            throw ApiError.unauthorized("The API key " + Secrets.maskApiKey(token) + " is not valid; it may have "
                    + "been deleted. Create a key under Developers > API Keys.");
        }
        Instant now = now();
        if (key.expiresAt() != null && !now.isBefore(key.expiresAt())) {
            throw ApiError.unauthorized("The API key " + key.prefix() + "… expired at " + key.expiresAt()
                    + "; create a new key.");
        }
        account.touchKey(key.keyId(), now);
        return new Caller(account, key);
    }

    /**
     * The token of an {@code Authorization: Bearer <token>} header.
     *
     * @return the token, or {@code null} when the header is absent or not a Bearer header
     */
    static String bearerToken(String authorization) {
        if (authorization == null) {
            return null;
        }
        String value = authorization.strip();
        return value.regionMatches(true, 0, "Bearer ", 0, 7) ? value.substring(7).strip() : null;
    }

    /**
     * Forgets every account that was not seeded and empties the seeded ones, which keep their id and
     * their seed key.
     */
    synchronized void reset() {
        accounts.clear();
        tokens.clear();
        for (Seed seed : seeds) {
            AccountState account = new AccountState(seed.accountId());
            account.addKey(seed.key());
            accounts.put(account.id(), account);
            tokens.put(seed.key().token(), new KeyRef(account.id(), seed.key().keyId()));
        }
    }

    private ApiKey newKey(String name, List<ApiKeyScope> scopes, Instant expiresAt, String token) {
        return new ApiKey(Ids.uuid(), name, Secrets.apiKeyPrefix(token), scopes, null, now(), expiresAt, token);
    }

    private String requireUsableToken(String token) {
        if (token.isBlank() || !token.equals(token.strip()) || token.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw new IllegalArgumentException("An API key token must be printable ASCII without spaces, e.g. "
                    + Ids.TOKEN_PREFIX + "test0123456789abcdef");
        }
        if (tokens.containsKey(token)) {
            throw new IllegalArgumentException("The API key " + Secrets.maskApiKey(token)
                    + " is already in use by another account of this emulator.");
        }
        return token;
    }

    private record KeyRef(String accountId, String keyId) {
    }

    private record Seed(String accountId, ApiKey key) {
    }
}
