// Without a key, plan fails with the three ways to give one and no stack trace; skip needed no key.
def Emulator = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, 'Emulator.groovy'))

String log = Emulator.log(basedir)
assert log.contains('BUILD FAILURE')
assert log.contains('No Fonella API key found. Give one in one of three ways')
assert log.contains('(1) set the FONELLA_API_KEY environment variable')
assert log.contains('(2) pass -Dfonella.apiKey=fon_live_... on the command line')
assert log.contains('(3) add <server><id>fonella</id><password>fon_live_...</password></server> to ~/.m2/settings.xml')
assert !(log =~ /(?m)^\s+at [a-z]/): 'no stack trace without -e'
return true
