package ai.fonella.test;

import ai.fonella.model.ApiKey;

/**
 * The authenticated sender of an API request.
 *
 * @param account the key's account
 * @param key the key, with its scopes
 */
record Caller(AccountState account, ApiKey key) {
}
