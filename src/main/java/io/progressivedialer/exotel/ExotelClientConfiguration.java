package io.progressivedialer.exotel;

import com.fasterxml.jackson.databind.ObjectMapper;
import feign.Feign;
import feign.Request;
import feign.RequestTemplate;
import feign.Response;
import feign.Retryer;
import feign.Target;
import feign.auth.BasicAuthRequestInterceptor;
import feign.form.FormEncoder;
import feign.jackson.JacksonDecoder;
import feign.jackson.JacksonEncoder;
import feign.http2client.Http2Client;
import io.micrometer.core.instrument.MeterRegistry;
import io.progressivedialer.common.PublicUrl;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class ExotelClientConfiguration {

    @Bean
    ExotelApi exotelApi(ExotelProperties properties, ObjectMapper json, PublicUrl publicUrl, MeterRegistry meters,
                        ExotelBudget budget) {
        return Feign.builder()
                .client(new Http2Client())
                .encoder(new FormEncoder(new JacksonEncoder(json)))
                .decoder(new JacksonDecoder(json))
                .errorDecoder(new ExotelErrorDecoder(json, meters))
                .requestInterceptor(new BasicAuthRequestInterceptor(properties.apiKey(), properties.apiToken()))
                .options(new Request.Options(5, TimeUnit.SECONDS, 10, TimeUnit.SECONDS, true))
                // 429, 5xx and I/O failures: 3 more tries, 0.5 s growing to 5 s apart, or as Retry-After says; a
                // connect only when it provably placed nothing
                .retryer(new PlacingRetryer())
                // every answer, refusals included, tells the shared budget what Exotel says of its own
                .responseInterceptor((invocation, chain) -> {
                    budget.exotelSays(header(invocation.response(), "X-RateLimit-Remaining"),
                            invocation.response().status() == 429
                                    ? Optional.ofNullable(header(invocation.response(), "Retry-After"))
                                    .map(Integer::longValue).orElse(null) : null);
                    return chain.next(invocation);
                })
                .target(new ExotelTarget(properties, publicUrl));
    }

    /** A whole-number header of Exotel's answer; null when absent or not a number. */
    private static Integer header(Response response, String name) {
        return response.headers().entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                .flatMap(entry -> entry.getValue().stream()).findFirst().map(value -> {
                    try {
                        return Integer.valueOf(value.strip());
                    } catch (NumberFormatException e) {
                        return null;
                    }
                }).orElse(null);
    }

    /**
     * Exotel's API, or the embedded stand-in on this application's own port, which is only known once
     * the web server has started.
     */
    private record ExotelTarget(ExotelProperties properties, PublicUrl publicUrl) implements Target<ExotelApi> {

        @Override
        public Class<ExotelApi> type() {
            return ExotelApi.class;
        }

        @Override
        public String name() {
            return "exotel";
        }

        @Override
        public String url() {
            if (!properties.standInActive()) {
                return properties.baseUrl();
            }
            return publicUrl.local() + ExotelProperties.STAND_IN_PATH;
        }

        @Override
        public Request apply(RequestTemplate input) {
            if (input.url().indexOf("http") != 0) {
                input.target(url());
            }
            return input.request();
        }
    }
}
