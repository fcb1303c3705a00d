package io.progressivedialer.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Camunda Modeler's Deploy with the analyst's login: a deployment to the engine REST API of decision tables only.
 * The analyst's multipart deployment is read (up to {@link #MAX_BYTES}) before the engine sees it; one with a file
 * that is neither a {@code .dmn} nor its test cases ({@code .cases.json}), such as a process or a form, is refused
 * with 403. The administrator deploys anything.
 */
class TablesOnlyDeployments extends OncePerRequestFilter {

    static final int MAX_BYTES = 2 * 1024 * 1024;
    private static final Pattern FILE_NAME = Pattern.compile("filename=\"([^\"]*)\"");

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod()) && request.getRequestURI().endsWith("/deployment/create"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication login = SecurityContextHolder.getContext().getAuthentication();
        if (login == null || hasRole(login, SecurityConfiguration.ADMIN)
                || !hasRole(login, SecurityConfiguration.ANALYST)) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = request.getInputStream().readNBytes(MAX_BYTES + 1);
        if (body.length > MAX_BYTES) {
            refuse(response, 413, "a deployment larger than " + MAX_BYTES + " bytes");
            return;
        }
        Matcher files = FILE_NAME.matcher(new String(body, StandardCharsets.ISO_8859_1));
        boolean any = false;
        while (files.find()) {
            any = true;
            String name = files.group(1).toLowerCase();
            if (!name.endsWith(".dmn") && !name.endsWith(".cases.json")) {
                refuse(response, 403, "the analyst deploys decision tables (.dmn) and their test cases (.cases.json) "
                        + "only, not " + files.group(1));
                return;
            }
        }
        if (!any) {
            refuse(response, 403, "the analyst deploys decision tables (.dmn) only");
            return;
        }
        chain.doFilter(new ReadAgain(request, body), response);
    }

    private static boolean hasRole(Authentication login, String role) {
        return login.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_" + role));
    }

    private static void refuse(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.getWriter().write("{\"error\":\"forbidden\",\"message\":\"" + message.replace("\"", "'") + "\"}");
    }

    /** The request, its body read once here and served again to the engine REST API. */
    private static final class ReadAgain extends HttpServletRequestWrapper {

        private final byte[] body;

        ReadAgain(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream bytes = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return bytes.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return bytes.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return bytes.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("read synchronously");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.ISO_8859_1));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
