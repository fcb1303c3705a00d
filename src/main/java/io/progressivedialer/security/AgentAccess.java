package io.progressivedialer.security;

import io.progressivedialer.calls.CallRecordRepository;
import io.progressivedialer.session.SessionRepository;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Agents reach only their own desk: their session, their events, their calls. A supervisor and the administrator
 * reach every agent's; the CRM's integration records the outcome of any call.
 */
@Component("access")
public class AgentAccess {

    private final SessionRepository sessions;
    private final CallRecordRepository calls;

    AgentAccess(SessionRepository sessions, CallRecordRepository calls) {
        this.sessions = sessions;
        this.calls = calls;
    }

    /** The roles of the signed-in user, without the prefix: ADMIN, SUPERVISOR, INTEGRATION or AGENT. */
    public List<String> roles(Authentication authentication) {
        return authentication.getAuthorities().stream().map(a -> a.getAuthority().replaceFirst("^ROLE_", "")).toList();
    }

    private boolean hasAny(Authentication authentication, String... roles) {
        List<String> held = roles(authentication);
        return List.of(roles).stream().anyMatch(held::contains);
    }

    /** Sees the whole floor: every agent's desk and session. */
    public boolean seesFloor(Authentication authentication) {
        return hasAny(authentication, SecurityConfiguration.ADMIN, SecurityConfiguration.SUPERVISOR);
    }

    public boolean isAgent(String agentId, Authentication authentication) {
        return seesFloor(authentication) || isAgentLogin(authentication) && authentication.getName().equals(agentId);
    }

    public boolean ownsSession(String sessionId, Authentication authentication) {
        return seesFloor(authentication) || isAgentLogin(authentication) && sessions.find(sessionId)
                .map(session -> session.agentId().equals(authentication.getName())).orElse(false);
    }

    public boolean ownsCall(long callId, Authentication authentication) {
        return hasAny(authentication, SecurityConfiguration.ADMIN, SecurityConfiguration.SUPERVISOR,
                SecurityConfiguration.INTEGRATION)
                || isAgentLogin(authentication) && calls.find(callId).isPresent()
                && calls.agentOf(callId).equals(authentication.getName());
    }

    private boolean isAgentLogin(Authentication authentication) {
        return hasAny(authentication, SecurityConfiguration.AGENT);
    }
}
