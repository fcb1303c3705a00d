package io.progressivedialer.exotel;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Exotel account the dialer talks to. With no {@code baseUrl} the embedded Exotel stand-in answers
 * instead, on this application's own port. {@code timeLimit} is the longest an agent's line (one leg) lasts, at most
 * Exotel's 4 hours; {@code agentRingTimeout} how long the agent's phone rings, at most Exotel's 60 s;
 * {@code flowHost} the host of the call flow's URL, by default that of the account's region.
 */
@ConfigurationProperties("dialer.exotel")
public record ExotelProperties(String baseUrl, String accountSid, String apiKey, String apiToken, String webhookKey,
                               @DefaultValue("PT4H") Duration timeLimit,
                               @DefaultValue("PT30S") Duration agentRingTimeout,
                               String flowHost) {

    public static final String STAND_IN_PATH = "/exotel-stand-in";
    /** Exotel cuts any call at 4 hours. */
    public static final Duration MAX_TIME_LIMIT = Duration.ofHours(4);
    /** Exotel rings a phone for at most 60 s. */
    public static final Duration MAX_RING_TIMEOUT = Duration.ofSeconds(60);

    public ExotelProperties {
        if (timeLimit == null || timeLimit.toSeconds() < 1 || timeLimit.compareTo(MAX_TIME_LIMIT) > 0) {
            throw new IllegalArgumentException("dialer.exotel.time-limit must be between 1 s and " + MAX_TIME_LIMIT
                    + " (Exotel's limit): " + timeLimit);
        }
        if (agentRingTimeout == null || agentRingTimeout.toSeconds() < 1
                || agentRingTimeout.compareTo(MAX_RING_TIMEOUT) > 0) {
            throw new IllegalArgumentException("dialer.exotel.agent-ring-timeout must be between 1 s and "
                    + MAX_RING_TIMEOUT + " (Exotel's limit): " + agentRingTimeout);
        }
    }

    public boolean standInActive() {
        return baseUrl == null || baseUrl.isBlank();
    }

    /** The call flow's host: as configured, else that of the API's region (Mumbai: my.in.exotel.com). */
    public String flowHostOrRegional() {
        if (flowHost != null && !flowHost.isBlank()) {
            return flowHost.strip();
        }
        String apiHost = standInActive() ? "" : String.valueOf(URI.create(baseUrl.strip()).getHost());
        return apiHost.contains(".in.exotel.com") ? "my.in.exotel.com" : "my.exotel.com";
    }

    @Override
    public String toString() {
        return "ExotelProperties[baseUrl=" + baseUrl + ", accountSid=" + accountSid + "]";
    }
}
