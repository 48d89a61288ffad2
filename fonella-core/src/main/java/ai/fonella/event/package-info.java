/**
 * Typed webhook events and their dispatch, framework-free.
 *
 * <ul>
 *   <li>{@link ai.fonella.event.FonellaEvent}: the sealed event type, one record per event type plus
 *   {@link ai.fonella.event.UnknownFonellaEvent}; read with {@link ai.fonella.event.FonellaEvents}.</li>
 *   <li>{@link ai.fonella.event.OnFonellaEvent}: marks handler methods;
 *   {@link ai.fonella.event.EventHandlers} turns them into
 *   {@link ai.fonella.event.EventHandlerDefinition}s and {@link ai.fonella.event.EventHandler}s.</li>
 *   <li>{@link ai.fonella.event.EventDispatcher}: parses a verified body once, deduplicates by
 *   (event id, handler id) through an {@link ai.fonella.event.EventDeduplicationStore}, runs the
 *   handlers and reports a {@link ai.fonella.event.DispatchResult} the HTTP layer maps to a status.</li>
 * </ul>
 *
 * <p>Verify the signature first, with {@link ai.fonella.webhook.WebhookVerifier}, over the same raw
 * bytes the dispatcher then parses.
 */
package ai.fonella.event;
