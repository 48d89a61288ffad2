def Emulator = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, 'Emulator.groovy'))
Emulator.newInstance(emulatorUrl, 'fon_live_it_settings_server_0000').createAccount()
return true
