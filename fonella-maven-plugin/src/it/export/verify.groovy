// fonella:export wrote exactly the expected document (tools by name, url from publicUrl, core's schemas).
def Emulator = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, 'Emulator.groovy'))

File actual = new File(basedir, 'target/fonella/tools.json')
File expected = new File(basedir, 'expected-tools.json')
assert actual.isFile(): 'fonella:export wrote no target/fonella/tools.json'
assert actual.getText('UTF-8') == expected.getText('UTF-8')
assert actual.bytes == expected.bytes

String log = Emulator.log(basedir)
assert log.contains('Found 2 Fonella tool(s): cancelOrder, lookupOrder')
assert log.contains('Wrote 2 tool definition(s) to')
return true
