package io.progressivedialer.exotel;

import com.fasterxml.jackson.databind.ObjectMapper;
import feign.Response;
import feign.codec.ErrorDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Turns Exotel's {@code {"RestException": {"Status", "Message"}}} into an {@link ExotelApiException}. */
class ExotelErrorDecoder implements ErrorDecoder {

    private static final int MAX_BODY = 2000;

    private final ObjectMapper json;

    ExotelErrorDecoder(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public Exception decode(String methodKey, Response response) {
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
        return new ExotelApiException(response.status(), message.isBlank() ? response.reason() : message);
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
