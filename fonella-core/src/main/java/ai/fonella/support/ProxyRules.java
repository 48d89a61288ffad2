package ai.fonella.support;

import java.util.Arrays;

/**
 * What the JDK's HTTP client does with proxy credentials, in one place for the client, its error
 * hints and the Maven plugin. Shared by the SDK's modules; see the package documentation.
 */
public final class ProxyRules {

    /** The system property listing the schemes the JDK will not use to authenticate an HTTPS tunnel. */
    public static final String TUNNELING_DISABLED_SCHEMES = "jdk.http.auth.tunneling.disabledSchemes";

    /** What to add to the JVM's options so that Basic proxy credentials reach an HTTPS tunnel. */
    public static final String ENABLE_BASIC_TUNNELING = "-D" + TUNNELING_DISABLED_SCHEMES + "=";

    private ProxyRules() {
    }

    /**
     * Whether the JDK withholds Basic proxy credentials from the {@code CONNECT} of an HTTPS tunnel in
     * this JVM: while {@value #TUNNELING_DISABLED_SCHEMES} lists {@code Basic}, which its default
     * ({@code Basic}, from the JDK's {@code net.properties}) does.
     *
     * @return whether Basic is disabled for tunnels
     */
    public static boolean basicTunnelingDisabled() {
        return basicTunnelingDisabled(System.getProperty(TUNNELING_DISABLED_SCHEMES));
    }

    /**
     * The same for a given property value.
     *
     * @param disabledSchemes the value of {@value #TUNNELING_DISABLED_SCHEMES}, {@code null} when unset
     * @return whether it disables Basic
     */
    public static boolean basicTunnelingDisabled(String disabledSchemes) {
        String schemes = disabledSchemes == null ? "Basic" : disabledSchemes;
        return Arrays.stream(schemes.split(",")).map(String::strip).anyMatch("Basic"::equalsIgnoreCase);
    }
}
