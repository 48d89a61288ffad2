/**
 * What the starter found in the application: the {@code @FonellaTool} and {@code @OnFonellaEvent}
 * methods of its beans ({@link ai.fonella.spring.boot.registry.FonellaHandlerRegistry}), the
 * secrets the endpoints check, and the exception a start fails with. Used by the auto-configuration,
 * the endpoints, the actuator and the test support; depends on none of them.
 */
package ai.fonella.spring.boot.registry;
