/**
 * The victools configuration behind {@link ai.fonella.schema.ToolSchemaGenerator}. Not part of the
 * public API; may change in any release.
 */
package ai.fonella.schema.internal;
