def Emulator = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, 'Emulator.groovy'))
Emulator.newInstance(emulatorUrl, 'fon_live_it_schema_identity_00').createAccount()
return true
