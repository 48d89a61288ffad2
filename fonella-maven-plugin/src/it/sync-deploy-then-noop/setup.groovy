def Emulator = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, 'Emulator.groovy'))
Emulator.newInstance(emulatorUrl, 'fon_live_it_sync_deploy_000000').createAccount()
return true
