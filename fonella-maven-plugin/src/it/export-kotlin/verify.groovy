// fonella:export of Kotlin classes: the plugin reads them with core's one definition path, so the
// exported schemas follow Kotlin's rules (expected-tools.json, reviewed), exactly as the app registers them.
File actual = new File(basedir, 'target/fonella/tools.json')
File expected = new File(basedir, 'expected-tools.json')
assert actual.isFile(): 'fonella:export wrote no target/fonella/tools.json'
assert actual.getText('UTF-8') == expected.getText('UTF-8')

def tools = new groovy.json.JsonSlurper().parse(actual).tools.collectEntries { [(it.name): it.inputSchema] }
assert tools.lookupOrder.required == ['orderNumber']
assert tools.lookupOrder.properties.keySet() as List == ['orderNumber', 'channel', 'note']
assert tools.bookCallback.required == ['phoneNumber', 'topic']
assert tools.tagOrder.required == ['orderNumber', 'tags']

String log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('Found 3 Fonella tool(s): bookCallback, lookupOrder, tagOrder')
return true
