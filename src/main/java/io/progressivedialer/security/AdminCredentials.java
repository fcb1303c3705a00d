package io.progressivedialer.security;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The administrator's login ({@code dialer.admin.username}, {@code dialer.admin.password}) is required
 * against a real Exotel account: start-up stops with a clear message without it. Only the demo, with the
 * embedded Exotel stand-in, signs in as demo / demo.
 */
public class AdminCredentials implements EnvironmentPostProcessor {

    static final String USERNAME = "dialer.admin.username";
    static final String PASSWORD = "dialer.admin.password";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        boolean configured = hasText(environment.getProperty(USERNAME)) && hasText(environment.getProperty(PASSWORD));
        if (configured) {
            return;
        }
        if (hasText(environment.getProperty("dialer.exotel.base-url"))) {
            throw new IllegalStateException(USERNAME + " and " + PASSWORD + " must be set: they are the login of "
                    + "the dialer's administrator (API, engine REST API, Cockpit), and there is no default outside "
                    + "the demo");
        }
        environment.getPropertySources().addLast(new MapPropertySource("demo-admin",
                Map.of(USERNAME, "demo", PASSWORD, "demo")));
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }
}
