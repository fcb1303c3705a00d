package io.progressivedialer.exotel;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration
class WebhookConfiguration implements WebMvcConfigurer {

    private final ExotelProperties properties;

    WebhookConfiguration(ExotelProperties properties) {
        this.properties = properties;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        if (properties.webhookKey() == null || properties.webhookKey().isBlank()) {
            throw new IllegalStateException("dialer.exotel.webhook-key must be set: Exotel's webhooks carry it");
        }
        registry.addInterceptor(new WebhookKeyInterceptor(properties.webhookKey())).addPathPatterns("/exotel/**");
    }
}
