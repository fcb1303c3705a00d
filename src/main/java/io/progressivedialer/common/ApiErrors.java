package io.progressivedialer.common;

import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Turns every failure into {@code {error, message}}: 4xx for the caller's mistakes, 500 only for ours. */
@RestControllerAdvice
public class ApiErrors {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);
    /** What of a caller's value is echoed back: no markup, nothing unprintable. */
    private static final Pattern SAFE = Pattern.compile("[^\\p{Alnum} ._:+/-]");

    public record ApiError(String error, String message) {
    }

    @ExceptionHandler(DialerException.class)
    ResponseEntity<ApiError> dialer(DialerException e) {
        return answer(e.status(), e.error(), e.getMessage());
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ApiError> invalidBody(MethodArgumentNotValidException e) {
        String message = e.getBindingResult().getFieldErrors().stream()
                .map(f -> f.getField() + " " + f.getDefaultMessage())
                .sorted()
                .collect(Collectors.joining("; "));
        return answer(HttpStatus.BAD_REQUEST, "invalid", message);
    }

    /** Names the parameter as the caller wrote it ("size"), not by the Java method that declares it ("list.size"). */
    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ApiError> invalidParameter(ConstraintViolationException e) {
        String message = e.getConstraintViolations().stream()
                .map(v -> parameterName(v.getPropertyPath()) + " " + v.getMessage())
                .sorted()
                .collect(Collectors.joining("; "));
        return answer(HttpStatus.BAD_REQUEST, "invalid", message);
    }

    private static String parameterName(Path path) {
        String name = "";
        for (Path.Node node : path) {
            name = node.getName() != null ? node.getName() : name;
        }
        return name;
    }

    /** Says what the parameter takes, in the caller's words rather than Java's type names. */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiError> mismatch(MethodArgumentTypeMismatchException e) {
        Class<?> type = e.getRequiredType();
        String takes = type != null && type.isEnum() ? "one of " + Arrays.toString(type.getEnumConstants())
                : type == LocalDate.class ? "a date like 2026-11-26"
                : type == boolean.class || type == Boolean.class ? "true or false"
                : type != null && (type.isPrimitive() || Number.class.isAssignableFrom(type)) ? "a number"
                : "a valid value";
        return answer(HttpStatus.BAD_REQUEST, "bad-request", e.getName() + " must be " + takes + " but was "
                + SAFE.matcher(String.valueOf(e.getValue())).replaceAll("?"));
    }

    @ExceptionHandler({HttpMessageNotReadableException.class, MissingServletRequestParameterException.class})
    ResponseEntity<ApiError> unreadable(Exception e) {
        String message = e instanceof HttpMessageNotReadableException
                ? "the request body is not valid JSON of the expected shape"
                : e.getMessage();
        return answer(HttpStatus.BAD_REQUEST, "bad-request", message);
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiError> mediaType(HttpMediaTypeNotSupportedException e) {
        return answer(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", e.getMessage());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ApiError> method(HttpRequestMethodNotSupportedException e) {
        return answer(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", e.getMessage());
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ApiError> noResource(NoResourceFoundException e) {
        return answer(HttpStatus.NOT_FOUND, "not-found", e.getMessage());
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ApiError> forbidden(AccessDeniedException e) {
        return answer(HttpStatus.FORBIDDEN, "forbidden", "this belongs to someone else");
    }

    /** A browser that closed its event stream: nobody is left to answer, and nothing failed. */
    @ExceptionHandler(AsyncRequestNotUsableException.class)
    void gone(AsyncRequestNotUsableException e) {
        log.debug("client gone: {}", e.getMessage());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> unexpected(Exception e) {
        if (databaseUnreachable(e)) {
            // the database restarting: a caller (Exotel retries the StatusCallback) should come back shortly
            log.warn("Database unreachable, answered 503: {}", e.getMessage());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "5")
                    .body(new ApiError("unavailable", "the dialer's database cannot be reached; try again shortly"));
        }
        log.error("Unexpected failure", e);
        return answer(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "the dialer failed; see its log");
    }

    /**
     * Whether the failure is the database being out of reach (no connection within the pool's timeout, a connection
     * refused or broken), however the engine or Spring wrapped it: nothing the caller did wrong, nor a fault here.
     */
    static boolean databaseUnreachable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            // SQLSTATE class 08, a connection exception (an I/O error on a broken connection among them), and 57P0x,
            // the server shutting down, crashed or starting up
            boolean connectionLost = cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"));
            if (connectionLost || cause instanceof DataAccessResourceFailureException
                    || cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof CannotGetJdbcConnectionException) {
                return true;
            }
        }
        return false;
    }

    private static ResponseEntity<ApiError> answer(HttpStatus status, String error, String message) {
        return ResponseEntity.status(status).body(new ApiError(error, message));
    }
}
