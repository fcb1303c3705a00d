package io.progressivedialer.exotel;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The Exotel account the dialer talks to. With no {@code baseUrl} the embedded Exotel stand-in answers
 * instead, on this application's own port.
 */
@ConfigurationProperties("dialer.exotel")
public record ExotelProperties(String baseUrl, String accountSid, String apiKey, String apiToken, String webhookKey) {

    public static final String STAND_IN_PATH = "/exotel-stand-in";

    public boolean standInActive() {
        return baseUrl == null || baseUrl.isBlank();
    }

    @Override
    public String toString() {
        return "ExotelProperties[baseUrl=" + baseUrl + ", accountSid=" + accountSid + "]";
    }
}
