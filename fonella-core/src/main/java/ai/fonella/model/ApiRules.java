package ai.fonella.model;

import ai.fonella.InvalidRequestException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The documented rules of the Fonella API, checked in one place: by the client before it sends a
 * request and by the emulator when it receives one. Public so that the starter, the Maven plugin
 * and the emulator apply the same rules.
 */
public final class ApiRules {

    /** camelCase: a lower-case letter, then letters and digits, no spaces or punctuation. */
    public static final Pattern TOOL_NAME = Pattern.compile("[a-z][a-zA-Z0-9]*");

    /** An HTTP header name: a token of RFC 9110. */
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+");

    /** Longest tool name accepted. */
    public static final int MAX_TOOL_NAME_LENGTH = 64;

    /** Most API keys per account. */
    public static final int MAX_API_KEYS = 10;

    /** Most webhook subscriptions per account. */
    public static final int MAX_WEBHOOKS = 10;

    /** Most custom tools per account. */
    public static final int MAX_TOOLS = 20;

    private ApiRules() {
    }

    /**
     * Requires a non-blank string.
     *
     * @param field wire name of the field
     * @param value the value
     * @return the value
     */
    public static String requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidRequestException(field, field + " is required and must not be blank.");
        }
        return value;
    }

    /**
     * Requires an absolute HTTPS URL. With {@code allowLoopbackHttp}, {@code http://} is accepted
     * for loopback hosts only ({@code localhost}, {@code 127.0.0.0/8}, {@code [::1]}), for tests.
     *
     * @param field wire name of the field
     * @param value the URL
     * @param allowLoopbackHttp whether plain HTTP to a loopback host is accepted
     * @return the URL
     */
    public static String requireHttpsUrl(String field, String value, boolean allowLoopbackHttp) {
        requireText(field, value);
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new InvalidRequestException(field, field + " must be an absolute HTTPS URL, but '" + value
                    + "' is not a valid URI: " + e.getReason() + ".");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null) {
            throw new InvalidRequestException(field, field + " must be an absolute HTTPS URL such as "
                    + "https://example.com/fonella, but was '" + value + "'.");
        }
        if (scheme.equals("https")) {
            return value;
        }
        if (scheme.equals("http") && allowLoopbackHttp && isLoopback(uri.getHost())) {
            return value;
        }
        throw new InvalidRequestException(field, field + " must use HTTPS, but was '" + value + "'. Fonella only "
                + "calls HTTPS endpoints"
                + (allowLoopbackHttp ? "; plain http is accepted for loopback hosts only." : "; expose your app "
                + "through an HTTPS address (a TLS-terminating proxy or tunnel) and use that."));
    }

    /**
     * A host as URIs write an IPv6 address ({@code [::1]}), without its brackets.
     *
     * @param host a host name or address literal
     * @return the host without surrounding brackets
     */
    public static String unbracketed(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /**
     * What to add to a message saying that a base URL could not be reached: a Fonella emulator on
     * this machine serves plain {@code http://}, so an {@code https://} URL on a loopback host is the
     * likely mistake.
     *
     * @param baseUrl the base URL that could not be reached
     * @return a sentence with a leading space, or an empty string
     */
    public static String unreachableHint(URI baseUrl) {
        return "https".equals(baseUrl.getScheme()) && isLoopback(baseUrl.getHost())
                ? " A Fonella emulator on this machine serves plain http://, not https://." : "";
    }

    /**
     * Whether a host names the loopback interface.
     *
     * @param host a host name or address literal
     * @return {@code true} for {@code localhost}, {@code 127.x.x.x} and {@code ::1}
     */
    public static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String h = unbracketed(host);
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!h.matches("[0-9.]+") && !h.contains(":")) {
            return false; // a name other than localhost: never resolve it here
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /**
     * Requires a camelCase tool name without spaces.
     *
     * @param field wire name of the field
     * @param name the tool name
     * @return the name
     */
    public static String requireToolName(String field, String name) {
        requireText(field, name);
        if (name.length() > MAX_TOOL_NAME_LENGTH || !TOOL_NAME.matcher(name).matches()) {
            throw new InvalidRequestException(field, field + " must be camelCase without spaces (a lower-case "
                    + "letter, then letters and digits, at most " + MAX_TOOL_NAME_LENGTH + " characters), e.g. "
                    + "lookupOrder, but was '" + name + "'" + suggestion(name) + ".");
        }
        return name;
    }

    private static String suggestion(String name) {
        String camel = toCamelCase(name);
        return camel.isEmpty() || camel.equals(name) ? "" : "; try '" + camel + "'";
    }

    /**
     * Turns {@code lookup_order}, {@code Lookup Order} or {@code lookup-order} into {@code lookupOrder}.
     *
     * @param name any name
     * @return a camelCase rendering, possibly empty
     */
    public static String toCamelCase(String name) {
        StringBuilder out = new StringBuilder();
        boolean upperNext = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isLetterOrDigit(c) && c < 128) {
                if (out.length() == 0) {
                    if (Character.isDigit(c)) {
                        continue;
                    }
                    out.append(Character.toLowerCase(c));
                } else {
                    out.append(upperNext ? Character.toUpperCase(c) : c);
                }
                upperNext = false;
            } else {
                upperNext = out.length() > 0;
            }
        }
        return out.toString();
    }

    /**
     * Requires a non-empty list of known event types.
     *
     * @param field wire name of the field
     * @param events the events
     * @return the events
     */
    public static Collection<EventType> requireEvents(String field, Collection<EventType> events) {
        if (events == null || events.isEmpty()) {
            throw new InvalidRequestException(field, field + " must name at least one event type, e.g. "
                    + "call.ended.");
        }
        if (events.contains(EventType.UNKNOWN)) {
            throw new InvalidRequestException(field, field + " contains an unknown event type; use the eight "
                    + "documented types (call.started, call.ended, call.failed, call.transcript, "
                    + "call.speech_update, call.tool_call, call.hang, call.summary).");
        }
        return events;
    }

    /**
     * Requires known scopes.
     *
     * @param field wire name of the field
     * @param scopes the scopes, may be {@code null}
     * @return the scopes
     */
    public static Collection<ApiKeyScope> requireScopes(String field, Collection<ApiKeyScope> scopes) {
        if (scopes != null && scopes.contains(ApiKeyScope.UNKNOWN)) {
            throw new InvalidRequestException(field, field + " contains an unknown scope; use webhooks:manage, "
                    + "calls:read or tools:manage, or omit scopes for all of them.");
        }
        return scopes;
    }

    /**
     * Requires {@code GET}, {@code POST} or {@code null}.
     *
     * @param field wire name of the field
     * @param method the method, may be {@code null}
     * @return the method
     */
    public static ToolMethod requireMethod(String field, ToolMethod method) {
        if (method == ToolMethod.UNKNOWN) {
            throw new InvalidRequestException(field, field + " must be GET or POST.");
        }
        return method;
    }

    /**
     * Whether a text is an HTTP header name: a token of RFC 9110 (letters, digits and
     * {@code !#$%&'*+-.^_`|~}).
     *
     * @param name the text, may be {@code null}
     * @return {@code true} when it is one
     */
    public static boolean isHeaderName(String name) {
        return name != null && HEADER_NAME.matcher(name).matches();
    }

    /**
     * Requires HTTP headers that can be sent as given: every name a token (RFC 9110: letters, digits
     * and {@code !#$%&'*+-.^_`|~}), every value present and free of control characters other than a
     * tab (a line break would end the header and start another). Values are never quoted in the
     * message: they often carry a secret.
     *
     * @param field wire name of the field
     * @param headers the headers, may be {@code null}
     * @return the headers
     */
    public static Map<String, String> requireHeaders(String field, Map<String, String> headers) {
        if (headers == null) {
            return null;
        }
        for (Map.Entry<String, String> header : headers.entrySet()) {
            String name = header.getKey();
            if (!isHeaderName(name)) {
                throw new InvalidRequestException(field, field + " has a header named "
                        + (name == null ? "null" : "'" + name + "'") + ", which is not an HTTP header name (letters, "
                        + "digits and !#$%&'*+-.^_`|~ only, no spaces); rename it, e.g. X-Api-Key.");
            }
            String value = header.getValue();
            if (value == null || value.chars().anyMatch(c -> c != '\t' && (c < 0x20 || c == 0x7f))) {
                throw new InvalidRequestException(field, field + "['" + name + "'] " + (value == null
                        ? "has no value; give it one, or leave the header out."
                        : "holds a line break or another control character, which an HTTP header value cannot "
                                + "carry; remove it."));
            }
        }
        return headers;
    }

    /**
     * Requires a JSON Schema object, or nothing ({@code null} or JSON {@code null}).
     *
     * @param field wire name of the field
     * @param schema the schema, may be {@code null}
     * @return the schema
     */
    public static JsonNode requireSchemaObject(String field, JsonNode schema) {
        if (schema != null && !schema.isNull() && !schema.isObject()) {
            throw new InvalidRequestException(field, field + " must be a JSON Schema object such as "
                    + "{\"type\":\"object\",\"properties\":{...}}, but was a JSON "
                    + schema.getNodeType().name().toLowerCase(Locale.ROOT) + ".");
        }
        return schema;
    }

    /**
     * Requires a page size in 1..100, or {@code null} for the default.
     *
     * @param field wire name of the field
     * @param limit the page size
     * @return the page size
     */
    public static Integer requireLimit(String field, Integer limit) {
        if (limit != null && (limit < 1 || limit > ListCallsParams.MAX_LIMIT)) {
            throw new InvalidRequestException(field, field + " must be between 1 and " + ListCallsParams.MAX_LIMIT
                    + ", but was " + limit + ".");
        }
        return limit;
    }
}
