// Shared by the scenarios boot-3.5, boot-4.0 and boot-4.1.
// 1. Every test of the matrix app ran and passed. VirtualThreadsIT (MatrixIT's 7 tests and one of
//    its own, on virtual threads) needs JDK 21 or newer and is skipped below it.
int matrixTests = 7
int virtualThreadTests = matrixTests + 1
int skipped = Runtime.version().feature() >= 21 ? 0 : virtualThreadTests
String log = new File(basedir, 'build.log').getText('UTF-8')
String summary = "Tests run: ${matrixTests + virtualThreadTests}, Failures: 0, Errors: 0, Skipped: ${skipped}"
assert log.contains(summary) : "expected '${summary}' in ${basedir.name}/build.log"

// 2. The schemas this line registered are byte for byte those of every other line: the inputSchema
//    of each exact POST /v1/tools body (written by MatrixIT), cut out of the text without parsing
//    and writing it again, equals the reference file's, which all lines share.
def Emulator = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, 'Emulator.groovy'))
def json = new groovy.json.JsonSlurper()
Map schemas = new TreeMap()
new File(basedir, 'target/fonella/posted-tools.jsonl').readLines('UTF-8').each { body ->
    schemas[json.parseText(Emulator.member(body, 'name'))] = Emulator.member(body, 'inputSchema')
}
String registered = schemas.collect { name, schema -> "${name}\t${schema}\n" }.join()
byte[] reference = new File(matrixApp, 'registered-schemas.txt').bytes
assert registered.getBytes('UTF-8') == reference : "${basedir.name} registered other schema bytes than " +
        "src/it/matrix-app/registered-schemas.txt:\n${registered}"
return true
