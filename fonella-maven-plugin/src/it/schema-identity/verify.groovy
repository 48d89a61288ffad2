// Byte identity of the schemas: exported file == POST /v1/tools body == stored tool, for every tool.
//
// Nothing is parsed and written again on the way: the POST bodies are the exact text the emulator
// received (cut at the inputSchema member), the export file is Jackson's indented output with the
// whitespace between tokens removed (which is Jackson's compact output), and the stored tools are
// the exact text of GET /v1/tools. fonella-core writes all three with FonellaJson.mapper().
def Emulator = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, 'Emulator.groovy'))
def emulator = Emulator.newInstance(emulatorUrl, 'fon_live_it_schema_identity_00')

def json = new groovy.json.JsonSlurper()

Map exported = [:]
String export = Emulator.minify(new File(basedir, 'target/fonella/tools.json').getText('UTF-8'))
Emulator.members(Emulator.member(export, 'tools')).each { entry ->
    exported[json.parseText(Emulator.member(entry[1], 'name'))] = Emulator.member(entry[1], 'inputSchema')
}

Map posted = [:]
emulator.requests().findAll { it.method == 'POST' && it.path == '/v1/tools' }.each { request ->
    posted[json.parseText(Emulator.member(request.body, 'name'))] = Emulator.member(request.body, 'inputSchema')
}

Map stored = [:]
String listed = Emulator.minify(emulator.toolsText())
Emulator.members(Emulator.member(listed, 'tools')).each { entry ->
    stored[json.parseText(Emulator.member(entry[1], 'name'))] = Emulator.member(entry[1], 'inputSchema')
}

assert exported.keySet() == ['placeOrder', 'reschedule', 'stockLevel'] as Set
assert posted.keySet() == exported.keySet()
assert stored.keySet() == exported.keySet()
exported.each { name, schema ->
    assert posted[name] == schema: "the schema of ${name} sent by fonella:sync differs from the exported one"
    assert stored[name] == schema: "the schema of ${name} stored by the API differs from the exported one"
    assert posted[name].getBytes('UTF-8') == schema.getBytes('UTF-8')
}
// The schemas are not trivial: definitions, constraints, formats, enum values and escaped text.
assert exported.placeOrder.contains('"$defs":{"Address":')
assert exported.placeOrder.contains('"xl"')
assert exported.placeOrder.contains('"minimum":1')
assert exported.placeOrder.contains('M\u00fcnchen') || exported.placeOrder.contains('M\\u00fcnchen')
assert exported.reschedule.contains('"format":"uuid"')
assert exported.stockLevel.contains('"sku_code"')
return true
