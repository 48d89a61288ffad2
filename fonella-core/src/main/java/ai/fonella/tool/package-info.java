/**
 * Tools the Fonella assistant can call during a live call, without any framework.
 *
 * <ul>
 * <li>Declare: {@link ai.fonella.tool.FonellaTool} on a method, {@link ai.fonella.tool.ToolParam}
 * on its parameters or record components, {@link ai.fonella.tool.ToolCallContext} to receive call
 * ids and headers.</li>
 * <li>Define: {@link ai.fonella.tool.ToolDefinitions} computes each
 * {@link ai.fonella.tool.ToolDefinition} (name, description, method, timeout, input schema) in one
 * place for plain Java, the Spring Boot starter and the Maven plugin.</li>
 * <li>Invoke: {@link ai.fonella.tool.ToolInvoker} binds raw arguments, calls the method under a
 * deadline and returns a {@link ai.fonella.tool.ToolOutcome} whose text the assistant can speak.</li>
 * </ul>
 */
package ai.fonella.tool;
