package io.progressivedialer.common;

import org.springframework.http.HttpStatus;

/** A caller's mistake or a state conflict, answered as {@code {error, message}} with a 4xx status. */
public class DialerException extends RuntimeException {

    private final HttpStatus status;
    private final String error;

    public DialerException(HttpStatus status, String error, String message) {
        super(message);
        this.status = status;
        this.error = error;
    }

    public static DialerException badRequest(String message) {
        return new DialerException(HttpStatus.BAD_REQUEST, "bad-request", message);
    }

    public static DialerException notFound(String what, Object id) {
        return new DialerException(HttpStatus.NOT_FOUND, "not-found", what + " " + id + " does not exist");
    }

    public static DialerException conflict(String message) {
        return new DialerException(HttpStatus.CONFLICT, "conflict", message);
    }

    public HttpStatus status() {
        return status;
    }

    public String error() {
        return error;
    }
}
