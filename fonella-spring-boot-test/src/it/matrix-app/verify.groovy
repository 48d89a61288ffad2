// Shared by the scenarios boot-3.5, boot-4.0 and boot-4.1.
// 1. Every test of the matrix app ran and passed (VirtualThreadsIT needs JDK 21+: skipped below it).
int expected = 9
int virtualThreadTests = 2
int skipped = Runtime.version().feature() >= 21 ? 0 : virtualThreadTests
String log = new File(basedir, 'build.log').getText('UTF-8')
String summary = "Tests run: ${expected}, Failures: 0, Errors: 0, Skipped: ${skipped}"
assert log.contains(summary) : "expected '${summary}' in ${basedir.name}/build.log"

// 2. The schemas this line registered are byte for byte the ones every other line registered (the
//    reference file holds them; MatrixIT wrote this line's from the exact POST /v1/tools bodies).
byte[] registered = new File(basedir, 'target/fonella/registered-schemas.txt').bytes
byte[] reference = new File(matrixApp, 'registered-schemas.txt').bytes
assert registered == reference : "${basedir.name} registered other schema bytes than the reference " +
        "(src/it/matrix-app/registered-schemas.txt):\n" + new String(registered, 'UTF-8')
return true
