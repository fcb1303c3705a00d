package io.progressivedialer.security;

import io.progressivedialer.agents.AgentRepository;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestHeaderRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who may do what. Exotel's webhooks carry their key instead of a login; Cockpit has Camunda's own login.
 * Everything else needs a login, with one of four roles: {@code ADMIN} everything, with the engine REST API and
 * Actuator; {@code SUPERVISOR} the wallboard, reports, sessions, campaigns and leads; {@code INTEGRATION} (the CRM)
 * the calls API and dispositions; {@code AGENT} their own desk, session, events and calls, checked per request by
 * {@link AgentAccess}.
 *
 * <p>A request that carries {@code Authorization} is an API call: HTTP Basic, no session read or created, so no
 * cross-site request can ride on it. Any other request is a page's, signed in by the login form's session cookie,
 * and its writes carry the CSRF token the pages read from the {@code XSRF-TOKEN} cookie. The engine REST API takes
 * HTTP Basic only, never the cookie. No answer asks the browser for Basic credentials: a browser that remembered
 * them would send them with another site's requests.
 */
@Configuration
@EnableMethodSecurity
class SecurityConfiguration {

    static final String ADMIN = "ADMIN";
    static final String SUPERVISOR = "SUPERVISOR";
    static final String INTEGRATION = "INTEGRATION";
    static final String ANALYST = "ANALYST";
    static final String AGENT = "AGENT";

    /**
     * Outside the login altogether: Exotel's webhooks (their key), the stand-in (its own Basic auth, which this
     * application's login must not read) and Cockpit (Camunda's own login and headers).
     */
    @Bean
    @Order(1)
    SecurityFilterChain outsideLogin(HttpSecurity http) throws Exception {
        http.securityMatcher(paths(null, "/exotel/**", "/exotel-stand-in/**", "/camunda/**"))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .headers(headers -> headers.disable())
                .requestCache(cache -> cache.disable());
        return http.build();
    }

    /** API calls with HTTP Basic: stateless, so neither a session cookie nor CSRF is involved. */
    @Bean
    @Order(2)
    SecurityFilterChain basicAuthentication(HttpSecurity http, SignInThrottle signInThrottle) throws Exception {
        http.securityMatcher(new RequestHeaderRequestMatcher(HttpHeaders.AUTHORIZATION))
                .authorizeHttpRequests(SecurityConfiguration::authorize)
                .httpBasic(Customizer.withDefaults())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .securityContext(context -> context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .addFilterAfter(new TablesOnlyDeployments(), AuthorizationFilter.class)
                .addFilterBefore(signInThrottle.filter(), BasicAuthenticationFilter.class);
        return http.build();
    }

    /** The pages: a login form, its session cookie, and a CSRF token on every write. */
    @Bean
    @Order(3)
    SecurityFilterChain loginForm(HttpSecurity http, Environment environment, SignInThrottle signInThrottle)
            throws Exception {
        CookieCsrfTokenRepository tokens = CookieCsrfTokenRepository.withHttpOnlyFalse();
        boolean secure = environment.getProperty("server.servlet.session.cookie.secure", Boolean.class, false);
        tokens.setCookieCustomizer(cookie -> cookie.secure(secure).sameSite("Lax"));
        HttpStatusEntryPoint unauthorized = new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED);
        http.authorizeHttpRequests(requests -> {
                    requests.requestMatchers(paths(null, "/engine-rest/**")).denyAll();
                    authorize(requests);
                })
                .formLogin(login -> login.defaultSuccessUrl("/agent.html"))
                .exceptionHandling(errors -> errors
                        .defaultAuthenticationEntryPointFor(unauthorized, paths(null, "/api/**", "/engine-rest/**",
                                "/actuator/**")))
                // the pages read the token from the cookie and send it back in X-XSRF-TOKEN as it is
                .csrf(csrf -> csrf.csrfTokenRepository(tokens).csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
                        .requireCsrfProtectionMatcher(SecurityConfiguration::mayRideOnTheCookie))
                .addFilterAfter(new CsrfCookieIssuer(), CsrfFilter.class)
                .addFilterBefore(signInThrottle.filter(), UsernamePasswordAuthenticationFilter.class);
        return http.build();
    }

    /**
     * A write that a signed-in browser could be tricked into sending: any but GET, HEAD, OPTIONS and TRACE, with a
     * session cookie, or signing in. Without a session there is no login to ride on: the request is answered 401.
     */
    private static boolean mayRideOnTheCookie(HttpServletRequest request) {
        return CsrfFilter.DEFAULT_CSRF_MATCHER.matches(request)
                && (request.getRequestedSessionId() != null || LOGIN.matches(request));
    }

    private static final RequestMatcher LOGIN = paths(HttpMethod.POST, "/login");

    /** What each role reaches; {@link AgentAccess} narrows an agent to their own desk per request. */
    private static void authorize(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests) {
        requests.requestMatchers(paths(null, "/actuator/health/**", "/", "/index.html", "/desk.css", "/dialer.js",
                        "/error", "/login", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/webjars/**"))
                .permitAll()
                // Camunda Modeler's Deploy with the analyst's login: decision tables only (TablesOnlyDeployments)
                .requestMatchers(paths(HttpMethod.POST, "/engine-rest/deployment/create",
                        "/engine-rest/engine/*/deployment/create")).hasAnyRole(ADMIN, ANALYST)
                .requestMatchers(paths(null, "/engine-rest/**", "/actuator/**")).hasRole(ADMIN)
                .requestMatchers(paths(HttpMethod.GET, "/api/me", "/api/campaigns", "/api/agents/*",
                        "/api/agents/*/events", "/api/agents/*/desk", "/api/agents/*/callbacks", "/api/sessions", "/api/sessions/*",
                        "/api/sessions/pause-reasons")).authenticated()
                .requestMatchers(paths(HttpMethod.POST, "/api/sessions", "/api/sessions/*/ready",
                        "/api/sessions/*/pause")).authenticated()
                .requestMatchers(paths(HttpMethod.DELETE, "/api/sessions/*")).authenticated()
                .requestMatchers(paths(HttpMethod.POST, "/api/calls/*/disposition")).authenticated()
                .requestMatchers(paths(HttpMethod.GET, "/api/calls", "/api/calls.csv"))
                .hasAnyRole(SUPERVISOR, INTEGRATION)
                // the analyst owns the tables: reads campaigns and leads as a preview needs, previews, deploys
                .requestMatchers(paths(null, "/api/rules", "/api/rules/**")).hasAnyRole(ANALYST)
                .requestMatchers(paths(HttpMethod.POST, "/api/campaigns/*/rules/preview"))
                .hasAnyRole(ANALYST, SUPERVISOR)
                .requestMatchers(paths(HttpMethod.GET, "/api/leads", "/api/leads/*/facts", "/api/campaigns/*/agents"))
                .hasAnyRole(ANALYST, SUPERVISOR)
                // the supervisor runs the floor's agents: lists them, adds them, sets their phones and passwords
                .requestMatchers(paths(null, "/api/agents")).hasRole(SUPERVISOR)
                .requestMatchers(paths(null, "/api/stats", "/api/floor/events", "/api/reports/**", "/api/campaigns/**",
                        "/api/leads/**", "/api/leads", "/api/do-not-call/**", "/api/do-not-call", "/api/webhooks",
                        "/api/webhooks/**")).hasRole(SUPERVISOR)
                .requestMatchers(paths(null, "/api/**")).hasRole(ADMIN)
                .anyRequest().authenticated();
    }

    /** The administrator holds every other configured role; agents are apart. */
    @Bean
    static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.withDefaultRolePrefix()
                .role(ADMIN).implies(SUPERVISOR, INTEGRATION, ANALYST)
                .build();
    }

    /**
     * Matchers on the request path itself: Cockpit's API and the engine REST API are Jersey servlets, which
     * Spring MVC's matchers do not see.
     */
    private static RequestMatcher paths(HttpMethod method, String... patterns) {
        return new OrRequestMatcher(Arrays.stream(patterns)
                .map(pattern -> (RequestMatcher) PathPatternRequestMatcher.withDefaults().matcher(method, pattern))
                .toList());
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /**
     * The configured logins first (administrator, supervisor, integration); then agents from their table, by id,
     * if they have a password.
     */
    @Bean
    UserDetailsService users(AgentRepository agents, PasswordEncoder passwords, Environment environment) {
        Map<String, UserDetails> configured = new HashMap<>();
        for (Logins.Login login : Logins.Login.values()) {
            String name = login.username(environment);
            if (!name.isEmpty()) {
                configured.putIfAbsent(name, User.withUsername(name).password(passwords.encode(login.password(environment)))
                        .roles(login.role).build());
            }
        }
        return username -> {
            UserDetails login = configured.get(username);
            if (login != null) {
                return User.withUserDetails(login).build();
            }
            return agents.passwordHash(username)
                    .map(hash -> User.withUsername(username).password(hash).roles(AGENT).build())
                    .orElseThrow(() -> new UsernameNotFoundException("no such user"));
        };
    }

    /**
     * Resolves the deferred CSRF token on every page request, so that the {@code XSRF-TOKEN} cookie the pages read
     * is always set.
     */
    private static final class CsrfCookieIssuer extends OncePerRequestFilter {
        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
            if (token != null) {
                token.getToken();
            }
            chain.doFilter(request, response);
        }
    }
}
