// Only the app module synced: created its tools and pruned its stale one; parent and lib skipped.
def Emulator = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, 'Emulator.groovy'))
def emulator = Emulator.newInstance(emulatorUrl, 'fon_live_it_multi_module_00000')

assert emulator.tools()*.name.sort() == ['cancelOrder', 'lookupOrder']
assert emulator.writes().collect { it.method + ' ' + it.path.replaceAll(/[0-9a-f-]{36}$/, '{id}') } ==
        ['POST /v1/tools', 'POST /v1/tools', 'POST /v1/tools', 'DELETE /v1/tools/{id}']

String log = Emulator.log(basedir)
assert log.contains('Skipping fonella:sync: multi-module has packaging pom and no classes.')
assert log.contains('Skipping fonella:sync: multi-module-lib does not depend on ai.fonella:fonella-core at runtime')
assert log.contains('Fonella tools synced: 2 created, 0 updated, 1 deleted.')
return true
