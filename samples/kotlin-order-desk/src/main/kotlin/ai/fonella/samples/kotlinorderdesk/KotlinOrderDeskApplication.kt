package ai.fonella.samples.kotlinorderdesk

import org.springframework.boot.autoconfigure.SpringBootApplication
import org.springframework.boot.runApplication

@SpringBootApplication
class KotlinOrderDeskApplication

fun main(args: Array<String>) {
    runApplication<KotlinOrderDeskApplication>(*args)
}
