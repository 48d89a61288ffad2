package ai.fonella.maven;

import java.util.Objects;
import java.util.Properties;
import java.util.function.Function;
import org.apache.maven.execution.MavenSession;

/**
 * Where the plugin reads properties and environment variables that hold secrets. Secrets (the API
 * key, the tool secret) are read here rather than injected into Mojo parameters through a
 * {@code property} expression, because Maven's debug output ({@code -X}) prints the value of every
 * injected parameter; values read here are never printed.
 *
 * @param properties looks up a property given on the command line ({@code -Dname=value}), in
 *     {@code .mvn/maven.config} or {@code MAVEN_OPTS}; {@code null} when absent
 * @param environment looks up an environment variable; {@code null} when absent
 */
record PluginEnvironment(Function<String, String> properties, Function<String, String> environment) {

    /** Requires both lookups. */
    PluginEnvironment {
        Objects.requireNonNull(properties, "properties");
        Objects.requireNonNull(environment, "environment");
    }

    /**
     * The properties of a Maven session (user properties first, then system properties) and the
     * process environment.
     *
     * @param session the session
     * @return the lookups
     */
    static PluginEnvironment of(MavenSession session) {
        Properties user = session.getUserProperties();
        Properties system = session.getSystemProperties();
        return new PluginEnvironment(name -> {
            String value = user == null ? null : user.getProperty(name);
            return value != null ? value : system == null ? null : system.getProperty(name);
        }, System::getenv);
    }

    /**
     * A property, or {@code null} when absent or blank.
     *
     * @param name the property name
     * @return the stripped value or {@code null}
     */
    String property(String name) {
        return textOrNull(properties.apply(name));
    }

    /**
     * An environment variable, or {@code null} when absent or blank.
     *
     * @param name the variable name
     * @return the stripped value or {@code null}
     */
    String variable(String name) {
        return textOrNull(environment.apply(name));
    }

    /**
     * The stripped value, or {@code null} when it is {@code null} or blank.
     *
     * @param value a configured value
     * @return the stripped value or {@code null}
     */
    static String textOrNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
