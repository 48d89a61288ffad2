/**
 * Shared event deduplication stores for apps that run several instances: on the app's own database
 * ({@link ai.fonella.spring.boot.dedup.JdbcEventDeduplicationStore}, with the schema scripts in this
 * package) and on Redis ({@link ai.fonella.spring.boot.dedup.RedisEventDeduplicationStore}).
 * Selected with {@code fonella.webhooks.deduplication.store}.
 */
package ai.fonella.spring.boot.dedup;
