// failOnChanges failed the build on drift, said what differs and what to do, and changed nothing.
def Emulator = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, 'Emulator.groovy'))
String key = 'fon_live_it_fail_on_changes_00'
def emulator = Emulator.newInstance(emulatorUrl, key)

assert emulator.writes().size() == 1: 'only the seeded tool may have been written'
List tools = emulator.tools()
assert tools*.name == ['lookupOrder']
assert tools[0].description == 'An old description.'

String log = Emulator.log(basedir)
assert log.contains('BUILD FAILURE')
assert log.contains('The Fonella tools registered for this app differ from the code '
        + '(1 to create, 1 to update, 0 to delete, 0 unchanged)')
assert log.contains('+ create cancelOrder')
assert log.contains('~ update lookupOrder: description, headers, inputSchema')
assert log.contains('Run mvn fonella:sync (or deploy) to apply the changes')
assert !(log =~ /(?m)^\s+at [a-z]/): 'no stack trace without -e'
return true
