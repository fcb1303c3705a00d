package io.progressivedialer.security;

import io.progressivedialer.calls.CallRecordRepository;
import io.progressivedialer.session.SessionRepository;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/** Agents reach only their own desk: their session, their events, their calls. The administrator reaches all. */
@Component("access")
public class AgentAccess {

    private final SessionRepository sessions;
    private final CallRecordRepository calls;

    AgentAccess(SessionRepository sessions, CallRecordRepository calls) {
        this.sessions = sessions;
        this.calls = calls;
    }

    public boolean isAdmin(Authentication authentication) {
        return authentication.getAuthorities().stream()
                .anyMatch(a -> a.getAuthority().equals("ROLE_" + SecurityConfiguration.ADMIN));
    }

    public boolean isAgent(String agentId, Authentication authentication) {
        return isAdmin(authentication) || authentication.getName().equals(agentId);
    }

    public boolean ownsSession(String sessionId, Authentication authentication) {
        return isAdmin(authentication) || sessions.find(sessionId)
                .map(session -> session.agentId().equals(authentication.getName())).orElse(false);
    }

    public boolean ownsCall(long callId, Authentication authentication) {
        return isAdmin(authentication) || calls.find(callId).isPresent()
                && calls.agentOf(callId).equals(authentication.getName());
    }
}
