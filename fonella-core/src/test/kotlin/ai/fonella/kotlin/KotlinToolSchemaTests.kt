package ai.fonella.kotlin

import ai.fonella.tool.ToolDefinitions
import ai.fonella.tool.ToolSchemaGenerator
import java.nio.file.Files
import java.nio.file.Path
import org.assertj.core.api.Assertions.assertThat
import org.assertj.core.api.Assertions.fail
import org.junit.jupiter.api.Test
import tools.jackson.databind.JsonNode
import org.junit.jupiter.params.ParameterizedTest
import org.junit.jupiter.params.provider.MethodSource

/**
 * Pins the schemas of Kotlin tools with golden files under `src/test/resources/schemas/kotlin`.
 * Regenerate them after an intended change with
 * `mvn -pl fonella-core test -Dtest=KotlinToolSchemaTests -Dfonella.golden.update=true`, then review them.
 */
class KotlinToolSchemaTests {

    companion object {
        private val update = java.lang.Boolean.getBoolean("fonella.golden.update")

        @JvmStatic
        fun tools(): List<String> = ToolDefinitions.fromClass(KotlinOrderTools::class.java).map { it.name() }
    }

    private val definitions = ToolDefinitions.fromClass(KotlinOrderTools::class.java).associateBy { it.name() }

    @ParameterizedTest
    @MethodSource("tools")
    fun `every Kotlin tool has the schema of its golden file`(tool: String) {
        val actual = ToolSchemaGenerator.toPrettyJson(definitions.getValue(tool).inputSchema()) + "\n"
        val path = Path.of("src/test/resources/schemas/kotlin/$tool.json")
        if (update) {
            Files.createDirectories(path.parent)
            Files.writeString(path, actual)
        }
        if (!Files.exists(path)) {
            fail<Unit>("No golden file $path; run with -Dfonella.golden.update=true to create it, then review it.")
        }
        assertThat(actual).`as`("schema of %s (golden file %s)", tool, path).isEqualTo(Files.readString(path))
    }

    @Test
    fun `nullable and defaulted parameters are optional and the others required`() {
        val schema = definitions.getValue("lookupOrder").inputSchema()
        assertThat(schema["required"].strings()).isEqualTo(listOf("orderNumber"))
        assertThat(schema["properties"].propertyNames().toList()).isEqualTo(listOf("orderNumber", "channel", "note", "count"))
        assertThat(schema["properties"]["channel"]["enum"].strings()).isEqualTo(listOf("PHONE", "SMS", "EMAIL"))
    }

    @Test
    fun `a data class as the only parameter is flattened with the same rules per property`() {
        val schema = definitions.getValue("findOrders").inputSchema()
        assertThat(schema["properties"].propertyNames().toList()).isEqualTo(listOf("orderNumber", "channel", "note", "count", "tags"))
        assertThat(schema["required"].strings()).isEqualTo(listOf("orderNumber"))
        assertThat(schema["additionalProperties"].asBoolean()).isFalse()
    }

    @Test
    fun `a suspend function's continuation is no argument`() {
        val schema = definitions.getValue("lookupLater").inputSchema()
        assertThat(schema["properties"].propertyNames().toList()).isEqualTo(listOf("orderNumber", "delayMillis"))
        assertThat(schema["required"].strings()).isEqualTo(listOf("orderNumber"))
    }

    @Test
    fun `a nested data class keeps Kotlin's rules, and collections and maps are described`() {
        val ship = definitions.getValue("ship").inputSchema()
        assertThat(ship["properties"]["address"]["required"].strings()).isEqualTo(listOf("street", "city"))
        val tag = definitions.getValue("tag").inputSchema()
        assertThat(tag["required"].strings()).isEqualTo(listOf("tags", "counts"))
        assertThat(tag["properties"]["counts"]["additionalProperties"]["type"].asString()).isEqualTo("integer")
    }
}

private fun JsonNode.strings(): List<String> = iterator().asSequence().map { it.asString() }.toList()
