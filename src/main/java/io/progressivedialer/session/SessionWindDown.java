package io.progressivedialer.session;

import static io.progressivedialer.session.SessionVariables.*;

import io.progressivedialer.desk.AgentDesk;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/** The session is STOPPING: in its row, in Cockpit's {@code state} variable, and on the agent's screen. */
@Component
class SessionWindDown {

    private final SessionRepository sessions;
    private final AgentDesk desk;

    SessionWindDown(SessionRepository sessions, AgentDesk desk) {
        this.sessions = sessions;
        this.desk = desk;
    }

    void apply(DelegateExecution execution) {
        String sessionId = (String) execution.getVariable(SESSION_ID);
        sessions.windDown(sessionId);
        execution.setVariable(STATE, SessionStatus.STOPPING.name());
        desk.sessionChanged((String) execution.getVariable(AGENT_ID), sessionId, SessionStatus.STOPPING.name(), null);
    }
}
