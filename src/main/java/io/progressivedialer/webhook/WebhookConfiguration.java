package io.progressivedialer.webhook;

import io.progressivedialer.exotel.ExotelProperties;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration
class WebhookConfiguration implements WebMvcConfigurer {

    private final ExotelProperties properties;
    private final String previousKey;

    /** {@code previousKey}: while the key is being rotated, the old one is still accepted, until in-flight sessions end. */
    WebhookConfiguration(ExotelProperties properties,
                         @Value("${dialer.exotel.webhook-key-previous:}") String previousKey) {
        this.properties = properties;
        this.previousKey = previousKey;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        if (properties.webhookKey() == null || properties.webhookKey().isBlank()) {
            throw new IllegalStateException("dialer.exotel.webhook-key must be set: Exotel's webhooks carry it");
        }
        registry.addInterceptor(new WebhookKeyInterceptor(previousKey.isBlank() ? List.of(properties.webhookKey())
                : List.of(properties.webhookKey(), previousKey))).addPathPatterns("/exotel/**");
    }
}
