/**
 * Tool sync: compares the tools the code defines with those registered at Fonella and applies the
 * difference, touching only the tools this app owns. {@link ai.fonella.sync.ToolSync} is the entry
 * point; {@link ai.fonella.sync.SyncPlan#render()} is the readable plan.
 */
package ai.fonella.sync;
