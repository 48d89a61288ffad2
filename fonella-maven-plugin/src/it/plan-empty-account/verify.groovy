// fonella:plan on an empty account: the plan lists two creates, and the API saw one list, no write.
def Emulator = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, 'Emulator.groovy'))
String key = 'fon_live_it_settings_server_0000'
def emulator = Emulator.newInstance(emulatorUrl, key)

List requests = emulator.requests()
assert requests.collect { it.method + ' ' + it.path } == ['GET /v1/tools']
assert emulator.tools().isEmpty()

String log = Emulator.log(basedir)
assert log.contains('Fonella tools of https://orders.example.com/fonella/tools/ at ' + emulatorUrl)
assert log.contains('API key fon_live_it_sett')
assert log.contains(" from the password of <server> 'fonella-it' in settings.xml:")
assert log.contains('+ create cancelOrder')
assert log.contains('+ create lookupOrder')
assert log.contains('Plan: 2 to create, 0 to update, 0 to delete, 0 unchanged')
assert log.contains('Nothing was changed; run fonella:sync to apply this plan.')
assert !log.contains(key): 'the API key must never be printed'
return true
