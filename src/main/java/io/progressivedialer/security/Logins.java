package io.progressivedialer.security;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;

/**
 * The configured logins besides the agents': the administrator ({@code dialer.admin.username},
 * {@code dialer.admin.password}), required against a real Exotel account; a supervisor ({@code dialer.supervisor.*})
 * and the CRM's integration ({@code dialer.integration.*}), each optional, but with a password once named. Only the
 * demo, with the embedded Exotel stand-in, has defaults (demo / demo, supervisor / supervisor, crm / crm). Outside
 * the demo the session cookie is {@code Secure}: the dialer is served over https.
 */
public class Logins implements EnvironmentPostProcessor {

    /** The password the demo gives its agents (agent-1, agent-2, ...). */
    public static final String DEMO_AGENT_PASSWORD = "demo-agent";

    /** A configured login: its property prefix and its role. */
    public enum Login {
        ADMIN("dialer.admin", SecurityConfiguration.ADMIN, "demo"),
        SUPERVISOR("dialer.supervisor", SecurityConfiguration.SUPERVISOR, "supervisor"),
        INTEGRATION("dialer.integration", SecurityConfiguration.INTEGRATION, "crm"),
        ANALYST("dialer.analyst", SecurityConfiguration.ANALYST, "analyst");

        final String prefix;
        final String role;
        private final String demoName;

        Login(String prefix, String role, String demoName) {
            this.prefix = prefix;
            this.role = role;
            this.demoName = demoName;
        }

        public String username(Environment environment) {
            return environment.getProperty(prefix + ".username", "").strip();
        }

        public String password(Environment environment) {
            return environment.getProperty(prefix + ".password", "");
        }

        /** The name the demo gives this login. */
        String demoName() {
            return demoName;
        }
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        boolean demo = !hasText(environment.getProperty("dialer.exotel.base-url"));
        Map<String, Object> defaults = new HashMap<>();
        for (Login login : Login.values()) {
            String name = login.username(environment);
            String password = login.password(environment);
            if (demo && name.isEmpty() && password.isEmpty()) {
                defaults.put(login.prefix + ".username", login.demoName);
                defaults.put(login.prefix + ".password", login.demoName);
            } else if (login == Login.ADMIN && (name.isEmpty() || password.isBlank())) {
                throw new IllegalStateException("dialer.admin.username and dialer.admin.password must be set: they "
                        + "are the login of the dialer's administrator (API, engine REST API, Cockpit), and there is "
                        + "no default outside the demo");
            } else if (!name.isEmpty() && password.isBlank()) {
                throw new IllegalStateException(login.prefix + ".password must be set: " + login.prefix
                        + ".username names a login");
            }
        }
        if (!demo) {
            defaults.put("server.servlet.session.cookie.secure", "true");
        }
        environment.getPropertySources().addLast(new MapPropertySource("dialer-logins", defaults));
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }
}
