def Emulator = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, 'Emulator.groovy'))
def emulator = Emulator.newInstance(emulatorUrl, 'fon_live_it_fail_on_changes_00')
emulator.createAccount()
// A tool this app registered in an earlier deploy, since changed in the code.
emulator.createTool(name: 'lookupOrder', description: 'An old description.',
        url: 'https://orders.example.com/fonella/tools/lookupOrder')
return true
