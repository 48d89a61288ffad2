/**
 * The Fonella emulator for tests: {@link ai.fonella.test.FonellaEmulator}, a stateful Fonella REST API
 * on loopback that places simulated calls ({@link ai.fonella.test.CallScript}), invokes tools, delivers
 * signed webhooks and records everything it does; {@link ai.fonella.test.Faults} for resilience tests;
 * {@link ai.fonella.test.FonellaEmulatorTest} and {@link ai.fonella.test.FonellaEmulatorExtension} for
 * JUnit Jupiter; {@link ai.fonella.test.FonellaEmulatorMain} to run it on its own.
 */
package ai.fonella.test;
