package io.progressivedialer.webhook;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Exotel signs nothing, so every webhook URL carries the shared key; a request without the right key is
 * answered 401 before anything is read or stored.
 */
class WebhookKeyInterceptor implements HandlerInterceptor {

    private final List<byte[]> accepted;

    WebhookKeyInterceptor(List<String> webhookKeys) {
        this.accepted = webhookKeys.stream().map(key -> key.getBytes(StandardCharsets.UTF_8)).toList();
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws Exception {
        String key = request.getParameter("key");
        if (key != null) {
            byte[] given = key.getBytes(StandardCharsets.UTF_8);
            boolean matches = false;
            for (byte[] expected : accepted) {
                // compared in constant time, and against every accepted key, so that timing tells nothing
                matches |= MessageDigest.isEqual(expected, given);
            }
            if (matches) {
                return true;
            }
        }
        response.setStatus(HttpStatus.UNAUTHORIZED.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getWriter().write("{\"error\":\"unauthorized\",\"message\":\"missing or wrong webhook key\"}");
        return false;
    }
}
