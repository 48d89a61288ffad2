/**
 * The Fonella REST API client: {@link ai.fonella.client.FonellaClient} and its exceptions.
 */
package ai.fonella.client;
