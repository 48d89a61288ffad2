// The deploy created both tools with the starter's URLs and derived secret; the second sync sent no write.
def Emulator = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, 'Emulator.groovy'))
String key = 'fon_live_it_sync_deploy_000000'
def emulator = Emulator.newInstance(emulatorUrl, key)

// Deploy: list, create, create, list again (the duplicate check after creating). Second sync: list only.
List requests = emulator.requests()
assert requests.collect { it.method + ' ' + it.path } ==
        ['GET /v1/tools', 'POST /v1/tools', 'POST /v1/tools', 'GET /v1/tools', 'GET /v1/tools']
assert emulator.writes().size() == 2

String prefix = 'https://orders.example.com/fonella/tools/'
String secret = Emulator.derivedSecret(key, prefix)
List tools = emulator.tools()
assert tools*.name.sort() == ['cancelOrder', 'lookupOrder']
tools.each { tool ->
    assert tool.url == prefix + tool.name
    assert tool.method == 'POST'
    assert tool.headers == ['X-Fonella-Tool-Secret': secret]: "not the starter's derived secret: ${tool.name}"
    assert tool.inputSchema.type == 'object'
}
assert tools.find { it.name == 'cancelOrder' }.inputSchema.required == ['orderNumber', 'refund']

String log = Emulator.log(basedir)
assert log.contains('Fonella tools are up to date; nothing to change.')
assert !log.contains(key)
assert !log.contains(secret)
return true
