package io.progressivedialer.security;

import io.progressivedialer.lead.AgentRepository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import java.util.Arrays;

/**
 * Who may do what. Exotel's webhooks carry their key instead of a login; Cockpit has Camunda's own login.
 * Everything else needs a login: the administrator for the API, the engine REST API and Actuator; an agent
 * (their id and password) for their own desk, session, events and calls, checked per request by
 * {@link AgentAccess}. The API takes HTTP Basic; the pages a login form.
 */
@Configuration
@EnableMethodSecurity
class SecurityConfiguration {

    static final String ADMIN = "ADMIN";
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

    @Bean
    @Order(2)
    SecurityFilterChain security(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers(paths(null, "/actuator/health/**", "/", "/index.html", "/desk.css", "/error",
                                "/login", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/webjars/**")).permitAll()
                        .requestMatchers(paths(null, "/engine-rest/**", "/actuator/**")).hasRole(ADMIN)
                        .requestMatchers(paths(HttpMethod.GET, "/api/me", "/api/campaigns", "/api/stats",
                                "/api/agents/*", "/api/agents/*/events", "/api/agents/*/desk", "/api/sessions",
                                "/api/sessions/*",
                                "/api/sessions/pause-reasons"))
                        .authenticated()
                        .requestMatchers(paths(HttpMethod.POST, "/api/sessions", "/api/calls/*/disposition",
                                "/api/sessions/*/ready", "/api/sessions/*/pause")).authenticated()
                        .requestMatchers(paths(HttpMethod.DELETE, "/api/sessions/*")).authenticated()
                        .requestMatchers(paths(null, "/api/**")).hasRole(ADMIN)
                        .anyRequest().authenticated())
                .httpBasic(Customizer.withDefaults())
                .formLogin(login -> login.defaultSuccessUrl("/agent.html"))
                // The API's writes are POST and DELETE, which the SameSite=Lax session cookie never accompanies from
                // another site; Basic credentials are never sent by another site either.
                .csrf(csrf -> csrf.ignoringRequestMatchers(paths(null, "/engine-rest/**", "/api/**")));
        return http.build();
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

    /** The administrator from configuration; agents from their table, by id, if they have a password. */
    @Bean
    UserDetailsService users(AgentRepository agents, PasswordEncoder passwords,
                             @Value("${" + AdminCredentials.USERNAME + "}") String adminName,
                             @Value("${" + AdminCredentials.PASSWORD + "}") String adminPassword) {
        String adminHash = passwords.encode(adminPassword);
        return username -> {
            if (username.equals(adminName)) {
                return User.withUsername(adminName).password(adminHash).roles(ADMIN).build();
            }
            return agents.passwordHash(username)
                    .map(hash -> User.withUsername(username).password(hash).roles(AGENT).build())
                    .orElseThrow(() -> new UsernameNotFoundException("no such user"));
        };
    }
}
