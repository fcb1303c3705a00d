package io.progressivedialer.security;

import static io.progressivedialer.common.Timestamps.timestamp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.progressivedialer.common.ApiErrors;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.www.BasicAuthenticationConverter;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Signing in slows down after repeated failures: after {@link #FREE_FAILURES} wrong passwords for a login, on the
 * login form or in an API call's Basic credentials alike, that login is refused (429) for a second, then two, four ...
 * up to fifteen minutes, whatever the password, until a sign-in succeeds. Counted in the database, so every node
 * refuses alike; a login's count is forgotten by the nightly housekeeping a day after its last block ended.
 */
@Component
public class SignInThrottle {

    static final int FREE_FAILURES = 5;
    private static final Duration LONGEST_BLOCK = Duration.ofMinutes(15);
    private static final int MAX_USERNAME = 64;

    private static final BasicAuthenticationConverter BASIC = new BasicAuthenticationConverter();

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ObjectMapper json;

    SignInThrottle(JdbcClient jdbc, Clock clock, ObjectMapper json) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.json = json;
    }

    /** The filter, placed in a security chain before the login form or the Basic credentials are read. */
    OncePerRequestFilter filter() {
        return new OncePerRequestFilter() {
            @Override
            protected boolean shouldNotFilter(HttpServletRequest request) {
                return !signingInOnTheForm(request) && request.getHeader(HttpHeaders.AUTHORIZATION) == null;
            }

            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                                            FilterChain chain) throws ServletException, IOException {
                Optional<Instant> blockedUntil = blockedUntil(username(request));
                if (blockedUntil.isEmpty()) {
                    chain.doFilter(request, response);
                    return;
                }
                long seconds = Math.max(1, Duration.between(clock.instant(), blockedUntil.get()).toSeconds());
                String message = "Too many failed sign-ins for this login: try again in " + seconds + " s.";
                response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
                response.setHeader("Retry-After", Long.toString(seconds));
                if (signingInOnTheForm(request)) {
                    response.setContentType("text/plain;charset=UTF-8");
                    response.getWriter().write(message);
                } else {
                    response.setContentType("application/json");
                    response.getWriter().write(json.writeValueAsString(
                            new ApiErrors.ApiError("too-many-requests", message)));
                }
            }
        };
    }

    private static boolean signingInOnTheForm(HttpServletRequest request) {
        return "POST".equals(request.getMethod()) && "/login".equals(request.getServletPath());
    }

    /** The login the request signs in as, from the form or the Basic credentials; null when it names none. */
    private static String username(HttpServletRequest request) {
        if (signingInOnTheForm(request)) {
            return request.getParameter("username");
        }
        try {
            UsernamePasswordAuthenticationToken basic = BASIC.convert(request);
            return basic == null ? null : basic.getName();
        } catch (AuthenticationException malformed) {
            return null; // Basic authentication itself answers it 401
        }
    }

    private Optional<Instant> blockedUntil(String username) {
        if (username == null || username.isBlank() || username.length() > MAX_USERNAME) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return jdbc.sql("select blocked_until from sign_in_failure where username = ? and blocked_until > ?")
                .params(username, timestamp(now)).query(java.sql.Timestamp.class).optional()
                .map(java.sql.Timestamp::toInstant);
    }

    @EventListener
    void failed(AuthenticationFailureBadCredentialsEvent event) {
        String username = String.valueOf(event.getAuthentication().getName());
        if (username.isBlank() || username.length() > MAX_USERNAME) {
            return;
        }
        Instant now = clock.instant();
        int failures = jdbc.sql("select failures from sign_in_failure where username = ?").param(username)
                .query(Integer.class).optional().orElse(0) + 1;
        Instant until = failures <= FREE_FAILURES ? now : now.plus(block(failures));
        if (jdbc.sql("update sign_in_failure set failures = ?, blocked_until = ? where username = ?")
                .params(failures, timestamp(until), username).update() == 0) {
            jdbc.sql("insert into sign_in_failure (username, failures, blocked_until) values (?, ?, ?)")
                    .params(username, failures, timestamp(until)).update();
        }
    }

    @EventListener
    void succeeded(AuthenticationSuccessEvent event) {
        jdbc.sql("delete from sign_in_failure where username = ?").param(event.getAuthentication().getName())
                .update();
    }

    /** A second after the free failures, doubling with each further one, fifteen minutes at most. */
    static Duration block(int failures) {
        int beyond = Math.min(failures - FREE_FAILURES - 1, 20);
        Duration block = Duration.ofSeconds(1L << beyond);
        return block.compareTo(LONGEST_BLOCK) > 0 ? LONGEST_BLOCK : block;
    }
}
