package io.progressivedialer.session;

import static io.progressivedialer.session.SessionVariables.*;

import io.progressivedialer.desk.AgentDesk;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Notes the agent's pause and its reason; the session takes it after the current call. */
@Component("notePauseRequest")
class NotePauseRequest implements JavaDelegate {

    /** The pause message's reason, a transient fact. */
    static final String REQUESTED_REASON = "requestedPauseReason";

    private final AgentDesk desk;

    NotePauseRequest(AgentDesk desk) {
        this.desk = desk;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String reason = (String) execution.getVariable(REQUESTED_REASON);
        execution.setVariable(PAUSE_REQUESTED, true);
        execution.setVariable(PAUSE_REASON, reason);
        desk.pauseRequested((String) execution.getVariable(AGENT_ID), (String) execution.getVariable(SESSION_ID),
                reason);
    }
}
