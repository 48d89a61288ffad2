// The security app (src/it/security-app): its one test ran and passed.
String log = new File(basedir, 'build.log').getText('UTF-8')
String summary = 'Tests run: 1, Failures: 0, Errors: 0, Skipped: 0'
assert log.contains(summary) : "expected '${summary}' in ${basedir.name}/build.log"
return true
