/**
 * Fonella for Java: the root exception types. Start with {@link ai.fonella.client.FonellaClient}
 * for the REST API, {@link ai.fonella.tool.FonellaTool} for tools and
 * {@link ai.fonella.event.OnFonellaEvent} for call events.
 */
package ai.fonella;
