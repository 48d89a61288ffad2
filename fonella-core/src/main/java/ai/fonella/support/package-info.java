/**
 * Building blocks the SDK's own modules share, public so that the Spring Boot starter, the Maven
 * plugin and the emulator use the one definition rather than copies: the Jackson configuration of
 * the wire format ({@link ai.fonella.support.FonellaJson}), how keys and secrets are shown in logs
 * and messages ({@link ai.fonella.support.Secrets}), and the JDK's proxy-tunnelling rule
 * ({@link ai.fonella.support.ProxyRules}). Stable, but rarely needed by applications; the
 * platform's own rules (names, limits, URLs) are {@link ai.fonella.model.ApiRules}.
 */
package ai.fonella.support;
