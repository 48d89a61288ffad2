// The checks every line shares (matrixApp: src/it/matrix-app).
evaluate(new File(matrixApp, 'verify.groovy'))

// What this build adds for Boot 3.5 is exactly what the README tells Boot 3.5 users to add.
def block = { String text, int from ->
    int start = text.indexOf('<dependencyManagement>', from)
    assert from >= 0 && start >= 0
    text.substring(start, text.indexOf('</dependencyManagement>', start)).replaceAll(/\s+/, '')
}
String readmeText = new File(readme).getText('UTF-8')
String pom = new File(basedir, 'pom.xml').getText('UTF-8').replaceAll(/(?s)<!--.*?-->/, '')
assert block(readmeText, readmeText.indexOf('**On Spring Boot 3.5**')) == block(pom, 0) :
        "the README's Boot 3.5 addition and src/it/boot-3.5/pom.xml differ"
return true
