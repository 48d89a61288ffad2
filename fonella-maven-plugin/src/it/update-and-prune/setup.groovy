def Emulator = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, 'Emulator.groovy'))
def emulator = Emulator.newInstance(emulatorUrl, 'fon_live_it_update_prune_000000')
emulator.createAccount()
// Another app's tool on the same account: sync must never touch it.
emulator.createTool(name: 'crmLookup', description: 'Looks up a customer.',
        url: 'https://crm.example.com/fonella/tools/crmLookup')
return true
