// Release 2 updated only lookupOrder's description, kept cancelOrder, and deleted it only with prune.
def Emulator = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, 'Emulator.groovy'))
String key = 'fon_live_it_update_prune_000000'
def emulator = Emulator.newInstance(emulatorUrl, key)

List tools = emulator.tools()
assert tools*.name.sort() == ['crmLookup', 'lookupOrder']
def lookup = tools.find { it.name == 'lookupOrder' }
def crm = tools.find { it.name == 'crmLookup' }
assert lookup.description == 'Looks up an order by its number and tells when it ships.'
assert crm.url == 'https://crm.example.com/fonella/tools/crmLookup'
assert crm.description == 'Looks up a customer.'

List writes = emulator.writes()
assert writes.collect { it.method + ' ' + it.path.replaceAll(/[0-9a-f-]{36}$/, '{id}') } == [
        'POST /v1/tools',          // setup: the other app's tool
        'POST /v1/tools',          // release 1: cancelOrder
        'POST /v1/tools',          // release 1: lookupOrder
        'PATCH /v1/tools/{id}',    // release 2: lookupOrder's description, nothing else
        'DELETE /v1/tools/{id}']   // release 2 with prune: cancelOrder
def patch = writes[3]
assert patch.path == '/v1/tools/' + lookup.toolId
assert patch.body == '{"description":"Looks up an order by its number and tells when it ships."}'
def delete = writes[4]
assert delete.path != '/v1/tools/' + lookup.toolId && delete.path != '/v1/tools/' + crm.toolId
assert writes.findAll { it.path.endsWith(crm.toolId) }.isEmpty()

// The last build (prune) deleted; the one before it kept cancelOrder and said how to delete it.
String log = Emulator.log(basedir)
assert log.contains('- delete cancelOrder (no longer in code)')
assert log.contains('Fonella tools synced: 0 created, 0 updated, 1 deleted.')
assert log.contains('[DEBUG]'): 'the last build ran with -X'
assert !log.contains(key): 'the API key must not appear, not even in debug output'
assert !log.contains(Emulator.derivedSecret(key, 'https://orders.example.com/fonella/tools/'))
return true
