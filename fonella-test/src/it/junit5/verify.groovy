// Both tests ran on JUnit 5 and passed (an empty run would also be a successful build).
String log = new File(basedir, 'build.log').getText('UTF-8')
boolean ran = log.contains('Tests run: 2, Failures: 0, Errors: 0, Skipped: 0')
assert ran : 'expected 2 passing tests in junit5/build.log'
return true
