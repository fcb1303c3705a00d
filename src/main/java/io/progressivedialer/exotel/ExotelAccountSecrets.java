package io.progressivedialer.exotel;

import java.net.URI;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * No default secret outside the demo: against a real Exotel account, start-up stops with a clear message when the
 * webhook key is missing, is the demo's, or is shorter than 32 characters (it is the only thing that tells Exotel's
 * webhooks from anyone's), and when the public URL Exotel calls is not https (the key travels in it; a loopback
 * address, which Exotel cannot reach anyway, is let through for dialers tested on one machine).
 */
public class ExotelAccountSecrets implements EnvironmentPostProcessor {

    static final String DEMO_KEY = "demo-webhook-key";
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
        String publicUrl = environment.getProperty("dialer.public-url");
        if (publicUrl == null || !(publicUrl.startsWith("https://") || isLoopback(publicUrl))) {
            throw new IllegalStateException("dialer.public-url must be the https:// address at which Exotel reaches "
                    + "this dialer, since every webhook URL carries the webhook key; it is '" + publicUrl + "'");
        }
    }

    /** Exotel can never reach a loopback address: only dialers tested on one machine give one, over plain http. */
    private static boolean isLoopback(String url) {
        try {
            String host = URI.create(url).getHost();
            return host != null && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"));
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
