/**
 * The Fonella Maven plugin: {@code fonella:plan}, {@code fonella:sync} and {@code fonella:export}
 * read a project's compiled classes and plan, apply or export its tool definitions with fonella-core,
 * the code the Spring Boot starter runs at startup.
 *
 * <p>The Mojos only read their configuration and report; the work is done by
 * {@code ProjectToolScanner} (class loading and scanning),
 * {@code ApiKeyResolver} (where the key comes from),
 * {@code PluginSync} (plan and apply, failures with their remedy) and
 * {@code ToolExporter} (the JSON document). See the module's README.
 */
package ai.fonella.maven;
