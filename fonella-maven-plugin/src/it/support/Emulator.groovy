import groovy.json.JsonOutput
import groovy.json.JsonSlurper

import javax.crypto.Mac
import javax.crypto.spec.SecretKeySpec
import java.nio.charset.StandardCharsets

/**
 * What the invoker scenarios' setup.groovy and verify.groovy scripts do with the emulator, over
 * HTTP: create the scenario's account, seed tools, read the tools and the recorded requests of the
 * scenario's key. Loaded with: new GroovyClassLoader(getClass().classLoader)
 *     .parseClass(new File(itSupport, 'Emulator.groovy')).newInstance(emulatorUrl, apiKey)
 */
class Emulator {

    final String url
    final String apiKey

    Emulator(String url, String apiKey) {
        this.url = url
        this.apiKey = apiKey
    }

    /** Sends a request; answers [status, text, json]. */
    Map send(String method, String path, Object body = null, boolean authenticated = true) {
        HttpURLConnection connection = (HttpURLConnection) new URL(url + path).openConnection()
        connection.requestMethod = method
        connection.connectTimeout = 5000
        connection.readTimeout = 10000
        if (authenticated) {
            connection.setRequestProperty('Authorization', 'Bearer ' + apiKey)
        }
        if (body != null) {
            connection.doOutput = true
            connection.setRequestProperty('Content-Type', 'application/json')
            connection.outputStream.withStream { it.write(JsonOutput.toJson(body).getBytes(StandardCharsets.UTF_8)) }
        }
        int status = connection.responseCode
        InputStream stream = status < 400 ? connection.inputStream : connection.errorStream
        String text = stream == null ? '' : stream.getText('UTF-8')
        return [status: status, text: text, json: text ? new JsonSlurper().parseText(text) : null]
    }

    /** Creates the scenario's own account, whose key is exactly apiKey. */
    void createAccount() {
        Map answer = send('POST', '/_emulator/accounts', [apiKey: apiKey], false)
        assert answer.status == 201: "Cannot create the account of the scenario: ${answer.text}"
    }

    /** Registers a tool as another app or an earlier deploy would have. */
    Map createTool(Map tool) {
        Map answer = send('POST', '/v1/tools', tool)
        assert answer.status == 201: "Cannot seed the tool ${tool.name}: ${answer.text}"
        return answer.json.tool
    }

    /** The account's tools as GET /v1/tools lists them. */
    List tools() {
        Map answer = send('GET', '/v1/tools')
        assert answer.status == 200: answer.text
        return answer.json.tools
    }

    /** The raw text of GET /v1/tools, for byte comparisons. */
    String toolsText() {
        return send('GET', '/v1/tools').text
    }

    /** Every /v1 request the emulator recorded for this scenario's key, oldest first. */
    List requests() {
        Map answer = send('GET', '/_emulator/requests', null, false)
        assert answer.status == 200: answer.text
        String prefix = apiKey.substring(0, 16)
        return answer.json.requests.findAll { it.apiKeyPrefix == prefix }
    }

    /** The requests that change something: everything but GET. */
    List writes() {
        return requests().findAll { it.method != 'GET' }
    }

    /** The tool secret the starter derives when none is configured (ai.fonella.sync.ToolSecrets). */
    static String derivedSecret(String apiKey, String toolUrlPrefix) {
        Mac mac = Mac.getInstance('HmacSHA256')
        mac.init(new SecretKeySpec(apiKey.getBytes(StandardCharsets.UTF_8), 'HmacSHA256'))
        byte[] digest = mac.doFinal(('fonella-tool-secret:' + toolUrlPrefix).getBytes(StandardCharsets.UTF_8))
        return Base64.urlEncoder.withoutPadding().encodeToString(digest)
    }

    /** A build log's text, failing clearly when it is missing. */
    static String log(File basedir) {
        File log = new File(basedir, 'build.log')
        assert log.isFile(): "No build.log in ${basedir}"
        return log.getText('UTF-8')
    }

    /** JSON text with the whitespace outside strings removed: Jackson's indented output made compact. */
    static String minify(String json) {
        StringBuilder out = new StringBuilder(json.length())
        boolean inString = false
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i)
            if (inString) {
                out.append(c)
                if (c == '\\' as char) {
                    out.append(json.charAt(++i))
                } else if (c == '"' as char) {
                    inString = false
                }
            } else if (c == '"' as char) {
                inString = true
                out.append(c)
            } else if (!Character.isWhitespace(c)) {
                out.append(c)
            }
        }
        return out.toString()
    }

    /** The raw text of each member of a compact JSON object or array, in order: [name, raw value] pairs. */
    static List<List<String>> members(String compact) {
        List<List<String>> result = []
        int depth = 0
        boolean inString = false
        int start = 1
        String name = null
        for (int i = 1; i < compact.length() - 1; i++) {
            char c = compact.charAt(i)
            if (inString) {
                if (c == '\\' as char) {
                    i++
                } else if (c == '"' as char) {
                    inString = false
                }
                continue
            }
            switch (c) {
                case '"': inString = true; break
                case '{': case '[': depth++; break
                case '}': case ']': depth--; break
                case ':':
                    if (depth == 0 && compact.charAt(0) == '{' as char && name == null) {
                        name = new JsonSlurper().parseText(compact.substring(start, i))
                        start = i + 1
                    }
                    break
                case ',':
                    if (depth == 0) {
                        result << [name, compact.substring(start, i)]
                        name = null
                        start = i + 1
                    }
                    break
            }
        }
        if (compact.length() > 2) {
            result << [name, compact.substring(start, compact.length() - 1)]
        }
        return result
    }

    /** The raw text of one member of a compact JSON object. */
    static String member(String compactObject, String name) {
        def found = members(compactObject).find { it[0] == name }
        assert found != null: "No member ${name} in ${compactObject}"
        return found[1]
    }
}
