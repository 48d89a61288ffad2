// fonella:export wrote exactly the expected document (tools by name, url from publicUrl, core's schemas).
def Emulator = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, 'Emulator.groovy'))

File actual = new File(basedir, 'target/fonella/tools.json')
File expected = new File(basedir, 'expected-tools.json')
assert actual.isFile(): 'fonella:export wrote no target/fonella/tools.json'
// Fingerprints digest the compiled class files, which depend on the compiler, and the generator lists
// fonella-core's own classes, which change with it: checked for their form, and the rest of the
// document byte for byte.
String written = actual.getText('UTF-8')
assert (written =~ /"fingerprint" : "[0-9a-f]{64}"/).size() == 2
assert written =~ /"generator" : \{\n    "classes" : \[ "ai\.fonella\.[^\]]*"ai\.fonella\.tool\.ToolSchemaGenerator"/
String masked = written.replaceAll(/"fingerprint" : "[0-9a-f]{64}"/, '"fingerprint" : "(SHA-256 of the class files)"')
        .replaceAll(/"generator" : \{[^}]*\}/, '"generator" : "(fonella-core\'s schema-generation classes)"')
assert masked == expected.getText('UTF-8')
assert masked.getBytes('UTF-8') == expected.bytes

String log = Emulator.log(basedir)
assert log.contains('Found 2 Fonella tool(s): cancelOrder, lookupOrder')
assert log.contains('Wrote 2 tool definition(s) to')

// fonella:help, generated from the Mojos' Javadoc.
assert log.contains('fonella:sync')
assert log.contains('Registers the project\'s tools with Fonella')
assert log.contains('User property: fonella.prune')
assert log.contains('failOnChanges') == false: 'help for sync only'
assert log =~ /apiKey\s+The Fonella API key/
return true
