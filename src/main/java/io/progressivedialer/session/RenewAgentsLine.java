package io.progressivedialer.session;

import static io.progressivedialer.session.SessionVariables.*;

import java.time.Clock;
import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The session leaves its ended line behind (its late webhooks still find the session) and connects the agent again,
 * in the same process instance.
 */
@Component("renewAgentsLine")
class RenewAgentsLine implements JavaDelegate {

    private static final Logger log = LoggerFactory.getLogger(RenewAgentsLine.class);

    private final SessionRepository sessions;
    private final AgentStates agentStates;
    private final Clock clock;

    RenewAgentsLine(SessionRepository sessions, AgentStates agentStates, Clock clock) {
        this.sessions = sessions;
        this.agentStates = agentStates;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String sessionId = (String) execution.getVariable(SESSION_ID);
        Instant now = clock.instant();
        sessions.lineEnded(sessionId, now);
        execution.removeVariable(RENEWING_LINE);
        execution.removeVariable(AGENT_CALL_SID);
        agentStates.enter(execution, AgentState.RENEWING_LINE, null, now);
        log.info("Session {}: the agent's line ended between calls; connecting the agent again", sessionId);
    }
}
