/**
 * JSON Schema for tool arguments: {@link ai.fonella.schema.ToolSchemaGenerator} turns the
 * parameters of a {@link ai.fonella.tool.FonellaTool} method into the {@code inputSchema} Fonella
 * registers, with victools jsonschema-generator.
 */
package ai.fonella.schema;
