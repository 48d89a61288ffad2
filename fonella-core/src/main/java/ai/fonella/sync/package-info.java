/**
 * Sync with the API, in one plan-then-apply shape: {@link ai.fonella.sync.ToolSync} compares the
 * tools the code defines with those registered at Fonella and applies the difference, touching only
 * the tools this app owns; {@link ai.fonella.sync.WebhookSync} keeps one webhook subscription at
 * this app's URL for exactly the events its handlers take. {@link ai.fonella.sync.SyncPlan#render()}
 * and {@link ai.fonella.sync.WebhookPlan#render()} are the readable plans.
 */
package ai.fonella.sync;
