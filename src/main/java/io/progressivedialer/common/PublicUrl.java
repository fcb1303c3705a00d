package io.progressivedialer.common;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** The base URL at which Exotel reaches this dialer: configured, or this machine's own port. */
@Component
public class PublicUrl {

    private final Environment environment;

    public PublicUrl(Environment environment) {
        this.environment = environment;
    }

    public String get() {
        String configured = environment.getProperty("dialer.public-url");
        if (configured != null && !configured.isBlank()) {
            return configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
        }
        return local();
    }

    /** This application on this machine, at the port the web server took (known once it has started). */
    public String local() {
        return "http://localhost:" + environment.getProperty("local.server.port",
                environment.getProperty("server.port", "8080"));
    }
}
