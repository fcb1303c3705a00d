package io.progressivedialer.exotel;

import com.fasterxml.jackson.databind.ObjectMapper;
import feign.Response;
import io.micrometer.core.instrument.MeterRegistry;
import feign.RetryableException;
import feign.codec.ErrorDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Turns Exotel's {@code {"RestException": {"Status", "Message"}}} into an {@link ExotelApiException}; a 429 or
 * 5xx becomes retryable, after the {@code Retry-After} Exotel asks for when it gives one.
 */
class ExotelErrorDecoder implements ErrorDecoder {

    private static final int MAX_BODY = 2000;

    private final ObjectMapper json;
    private final MeterRegistry meters;

    ExotelErrorDecoder(ObjectMapper json, MeterRegistry meters) {
        this.json = json;
        this.meters = meters;
    }

    @Override
    public Exception decode(String methodKey, Response response) {
        // every refusal counts, retried or not: dialer.exotel.errors{status="429"} is Exotel's rate limit biting
        meters.counter("dialer.exotel.errors", "status", String.valueOf(response.status())).increment();
        String body = body(response);
        String message = body;
        try {
            ExotelApi.ErrorAnswer error = json.readValue(body, ExotelApi.ErrorAnswer.class);
            if (error.restException() != null && error.restException().message() != null) {
                message = error.restException().message();
            }
        } catch (IOException notJson) {
            // keep the raw body as the message
        }
        ExotelApiException failure = new ExotelApiException(response.status(),
                message.isBlank() ? response.reason() : message);
        if (!failure.isTransient()) {
            return failure;
        }
        return new RetryableException(response.status(), failure.getMessage(), response.request().httpMethod(),
                failure, retryAfter(response), response.request());
    }

    /** Epoch milliseconds at which Exotel's {@code Retry-After} (in seconds) allows the next try, or null. */
    private static Long retryAfter(Response response) {
        return response.headers().getOrDefault("Retry-After", List.of()).stream().findFirst().map(value -> {
            try {
                return System.currentTimeMillis() + Math.min(Long.parseLong(value.trim()), 60) * 1000;
            } catch (NumberFormatException e) {
                return null;
            }
        }).orElse(null);
    }

    private static String body(Response response) {
        if (response.body() == null) {
            return "";
        }
        try (InputStream in = response.body().asInputStream()) {
            return new String(in.readNBytes(MAX_BODY), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
