package io.progressivedialer.session;

import static io.progressivedialer.session.SessionVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The agent's call is over. Unless dialing had already stopped for a reason of its own, that is why the
 * session ends: the agent hung up, or was never reached.
 */
@Component("recordAgentHangUp")
class RecordAgentHangUp implements JavaDelegate {

    private final SessionRepository sessions;

    RecordAgentHangUp(SessionRepository sessions) {
        this.sessions = sessions;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String status = (String) execution.getVariable(AGENT_CALL_STATUS);
        sessions.agentLegEnded((String) execution.getVariable(SESSION_ID), status);
        if (execution.getVariable(END_REASON) == null) {
            boolean reached = "completed".equals(status) || (Integer) execution.getVariable(CALLS_DIALLED) > 0;
            execution.setVariable(END_REASON, reached ? EndReason.AGENT_HUNG_UP : EndReason.AGENT_NOT_REACHED);
        }
    }
}
