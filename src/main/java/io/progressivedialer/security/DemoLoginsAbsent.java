package io.progressivedialer.security;

import io.progressivedialer.agents.Agent;
import io.progressivedialer.agents.AgentRepository;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.IdentityService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The demo's logins never exist against a real Exotel account, even in a database a demo once used: at start-up the
 * Camunda users named as the demo's logins (demo, supervisor, crm) that are not configured logins are removed, and an
 * agent whose password is the demo agents' loses it (an administrator sets a new one).
 */
@Component
class DemoLoginsAbsent {

    private static final Logger log = LoggerFactory.getLogger(DemoLoginsAbsent.class);
    /** The demo's agents: agent-1, agent-2, ... */
    private static final Pattern DEMO_AGENT = Pattern.compile("agent-[0-9]+");

    private final IdentityService identity;
    private final AgentRepository agents;
    private final PasswordEncoder passwords;
    private final Environment environment;

    DemoLoginsAbsent(IdentityService identity, AgentRepository agents, PasswordEncoder passwords,
                     Environment environment) {
        this.identity = identity;
        this.agents = agents;
        this.passwords = passwords;
        this.environment = environment;
    }

    @EventListener(ApplicationReadyEvent.class)
    void removeDemoLogins() {
        String baseUrl = environment.getProperty("dialer.exotel.base-url", "");
        if (baseUrl.isBlank()) {
            return;
        }
        Set<String> configured = Stream.of(Logins.Login.values()).map(login -> login.username(environment))
                .collect(Collectors.toSet());
        for (Logins.Login login : Logins.Login.values()) {
            String demoName = login.demoName();
            if (!configured.contains(demoName) && identity.createUserQuery().userId(demoName).count() > 0) {
                identity.deleteUser(demoName);
                log.warn("The demo's login {} was removed from Camunda's users: it never exists against a real "
                        + "Exotel account", demoName);
            }
        }
        for (Agent agent : agents.list()) {
            boolean demoPassword = DEMO_AGENT.matcher(agent.id()).matches() && agents.passwordHash(agent.id())
                    .filter(hash -> passwords.matches(Logins.DEMO_AGENT_PASSWORD, hash)).isPresent();
            if (demoPassword) {
                agents.setPasswordHash(agent.id(), null);
                log.warn("Agent {} had the demo agents' password, which was removed: set them a password of their "
                        + "own", agent.id());
            }
        }
    }
}
