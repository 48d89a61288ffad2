// fonella:export of Kotlin classes: the plugin reads them with core's one definition path, so the
// exported definitions follow Kotlin's rules (expected-tools.json, reviewed), exactly as the app registers
// them. Each tool's source fingerprint depends on the compiler's output, so it is checked for presence only,
// as is the generator list.
import groovy.json.JsonSlurper

File actual = new File(basedir, 'target/fonella/tools.json')
assert actual.isFile(): 'fonella:export wrote no target/fonella/tools.json'
def exported = new JsonSlurper().parse(actual)
exported.tools.each { tool ->
    assert tool.source.fingerprint ==~ /[0-9a-f]{64}/
    tool.remove('source')
}
// fonella-core's schema-generation classes, which change with it
assert exported.generator.classes.contains('ai.fonella.tool.ToolSchemaGenerator')
exported.remove('generator')
assert exported == new JsonSlurper().parse(new File(basedir, 'expected-tools.json'))

def tools = exported.tools.collectEntries { [(it.name): it.inputSchema] }
assert tools.lookupOrder.required == ['orderNumber']
assert tools.lookupOrder.properties.keySet() as List == ['orderNumber', 'channel', 'note']
assert tools.bookCallback.required == ['phoneNumber', 'topic']
assert tools.tagOrder.required == ['orderNumber', 'tags']

String log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('Found 3 Fonella tool(s): bookCallback, lookupOrder, tagOrder')
return true
