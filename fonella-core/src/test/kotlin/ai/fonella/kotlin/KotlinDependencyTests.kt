package ai.fonella.kotlin

import java.io.File
import java.lang.reflect.InvocationTargetException
import java.net.URLClassLoader
import java.nio.file.Path
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.params.ParameterizedTest
import org.junit.jupiter.params.provider.CsvSource

/**
 * A Kotlin app that lacks a library Fonella needs for its Kotlin code is told, at definition time
 * (startup, or the Maven plugin's build), which dependency to add.
 */
class KotlinDependencyTests {

    @ParameterizedTest
    @CsvSource(
        "kotlin-reflect, kotlin.reflect.full.KClasses, org.jetbrains.kotlin:kotlin-reflect",
        "kotlinx-coroutines, kotlinx.coroutines.future.FutureKt, org.jetbrains.kotlinx:kotlinx-coroutines-core",
        "jackson-module-kotlin, tools.jackson.module.kotlin.KotlinModule, tools.jackson.module:jackson-module-kotlin",
    )
    fun `a missing Kotlin library is named in the definition error`(jar: String, absentClass: String, dependency: String) {
        val classPath = System.getProperty("java.class.path").split(File.pathSeparator)
            .filterNot { Path.of(it).fileName.toString().contains(jar) }
            .map { Path.of(it).toUri().toURL() }
        URLClassLoader(classPath.toTypedArray(), ClassLoader.getPlatformClassLoader()).use { isolated ->
            assertThat(runCatching { isolated.loadClass(absentClass) }.exceptionOrNull())
                .isInstanceOf(ClassNotFoundException::class.java)
            val tools = isolated.loadClass(KotlinOrderTools::class.java.name)
            val fromClass = isolated.loadClass("ai.fonella.tool.ToolDefinitions").getMethod("fromClass", Class::class.java)

            val error = runCatching { fromClass.invoke(null, tools) }.exceptionOrNull()

            assertThat(error).isInstanceOf(InvocationTargetException::class.java)
            val cause = (error as InvocationTargetException).targetException
            assertThat(cause.javaClass.name).isEqualTo("ai.fonella.tool.ToolDefinitionException")
            assertThat(cause.message).contains("KotlinOrderTools").contains(dependency)
        }
    }
}
