def Emulator = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, 'Emulator.groovy'))
def emulator = Emulator.newInstance(emulatorUrl, 'fon_live_it_multi_module_00000')
emulator.createAccount()
// A tool the app registered once and no longer has: the app's sync prunes it.
emulator.createTool(name: 'staleTool', description: 'Gone from the code.',
        url: 'https://orders.example.com/fonella/tools/staleTool')
return true
