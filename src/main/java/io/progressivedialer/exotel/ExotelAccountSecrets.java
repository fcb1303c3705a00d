package io.progressivedialer.exotel;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * No demo piece against a real Exotel account: start-up stops with a clear message when the webhook key is missing,
 * is the demo's, or is shorter than 32 characters (it is the only thing that tells Exotel's webhooks from anyone's);
 * when the account SID, API key or token is missing or the demo's; when the public URL Exotel calls is not https
 * (the key travels in it; a loopback address, which Exotel cannot reach anyway, is let through for dialers tested on
 * one machine); when the database is in memory, lost at every restart (unless
 * {@code dialer.allow-in-memory-database=true}); and when the demo's data is asked for. The demo's data is off by
 * default.
 */
public class ExotelAccountSecrets implements EnvironmentPostProcessor {

    static final String DEMO_KEY = "demo-webhook-key";
    /** The stand-in's account, as application.yml sets it for the demo. */
    private static final Map<String, String> DEMO_CREDENTIALS = Map.of("account-sid", "demo-account",
            "api-key", "demo-key", "api-token", "demo-token");
    private static final Pattern LOOPBACK_V4 = Pattern.compile(
            "127\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)");
    static final int MIN_KEY_LENGTH = 32;

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String baseUrl = environment.getProperty("dialer.exotel.base-url");
        if (baseUrl == null || baseUrl.isBlank()) {
            return;
        }
        check(environment.getProperty("dialer.exotel.webhook-key"), "dialer.exotel.webhook-key");
        String previous = environment.getProperty("dialer.exotel.webhook-key-previous");
        if (previous != null && !previous.isBlank()) {
            check(previous, "dialer.exotel.webhook-key-previous");
        }
        for (String property : List.of("account-sid", "api-key", "api-token")) {
            String value = environment.getProperty("dialer.exotel." + property);
            if (value == null || value.isBlank() || value.equals(DEMO_CREDENTIALS.get(property))) {
                throw new IllegalStateException("dialer.exotel." + property + " must be your Exotel account's own "
                        + "(Exotel dashboard, API settings); it is " + (value == null || value.isBlank() ? "not set"
                        : "the demo's"));
            }
        }
        String database = environment.getProperty("spring.datasource.url", "");
        if (database.startsWith("jdbc:h2:mem:")
                && !environment.getProperty("dialer.allow-in-memory-database", Boolean.class, false)) {
            throw new IllegalStateException("spring.datasource.url is an in-memory database, whose leads, calls and "
                    + "sessions a restart loses: use PostgreSQL (profile postgres) or set "
                    + "dialer.allow-in-memory-database=true for a trial");
        }
        if (environment.getProperty("dialer.demo.enabled", Boolean.class, false)) {
            throw new IllegalStateException("dialer.demo.enabled seeds the demo's agents and logins: never against "
                    + "a real Exotel account");
        }
        environment.getPropertySources().addLast(new MapPropertySource("dialer-real-account",
                Map.of("dialer.demo.enabled", "false")));
        String publicUrl = environment.getProperty("dialer.public-url");
        if (publicUrl == null || !(publicUrl.startsWith("https://") || isLoopback(publicUrl))) {
            throw new IllegalStateException("dialer.public-url must be the https:// address at which Exotel reaches "
                    + "this dialer, since every webhook URL carries the webhook key; it is '" + publicUrl + "'");
        }
    }

    /**
     * Exotel can never reach a loopback address: only dialers tested on one machine give one, over plain http. Only
     * localhost, [::1] and an address of 127.0.0.0/8 written as four numbers are: 127.example.com is anyone's.
     */
    static boolean isLoopback(String url) {
        try {
            String host = URI.create(url).getHost();
            return host != null
                    && (host.equals("localhost") || host.equals("[::1]") || LOOPBACK_V4.matcher(host).matches());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void check(String key, String property) {
        if (key == null || key.isBlank()) {
            throw new IllegalStateException(property + " must be set: a long random secret that every webhook URL "
                    + "you paste into Exotel carries");
        }
        if (key.equals(DEMO_KEY)) {
            throw new IllegalStateException(property + " is the demo's key; set a long random secret of your own");
        }
        if (key.length() < MIN_KEY_LENGTH) {
            throw new IllegalStateException(property + " must be at least " + MIN_KEY_LENGTH
                    + " characters long; it is " + key.length());
        }
    }
}
