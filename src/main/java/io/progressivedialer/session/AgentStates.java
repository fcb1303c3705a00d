package io.progressivedialer.session;

import io.progressivedialer.desk.AgentDesk;
import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Where the agent is in the shift: kept on the session row and in its log, and shown on the desk and the wallboard
 * whenever it changes.
 */
@Component
class AgentStates {

    private final SessionRepository sessions;
    private final AgentDesk desk;

    AgentStates(SessionRepository sessions, AgentDesk desk) {
        this.sessions = sessions;
        this.desk = desk;
    }

    /** The agent of the session whose step runs is now in {@code state} ({@code reason}: why paused or waiting). */
    void enter(DelegateExecution execution, AgentState state, String reason, Instant now) {
        enter((String) execution.getVariable(SessionVariables.SESSION_ID),
                (String) execution.getVariable(SessionVariables.AGENT_ID), state, reason, now);
    }

    /** The agent is now in {@code state} ({@code reason}: why paused). */
    void enter(String sessionId, String agentId, AgentState state, String reason, Instant now) {
        if (sessions.agentState(sessionId, state, reason, now)) {
            desk.agentState(agentId, sessionId, state.name(), reason, now);
        }
    }

    /** The customer answered: the agent is on the call, unless a late popup would move them back to it. */
    void customerAnswered(String sessionId, String agentId, Instant now) {
        if (sessions.customerAnswered(sessionId, now)) {
            desk.agentState(agentId, sessionId, AgentState.ON_CALL.name(), null, now);
        }
    }
}
