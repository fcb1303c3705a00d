package io.progressivedialer.session;

import static io.progressivedialer.session.SessionVariables.*;

import io.progressivedialer.desk.AgentDesk;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Marks the session as stopping; continue-dialing reads the flag when Exotel next asks whom to dial. */
@Component("noteStopRequest")
class NoteStopRequest implements JavaDelegate {

    private final SessionRepository sessions;
    private final AgentDesk desk;

    NoteStopRequest(SessionRepository sessions, AgentDesk desk) {
        this.sessions = sessions;
        this.desk = desk;
    }

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariable(STOP_REQUESTED, true);
        sessions.windDown((String) execution.getVariable(SESSION_ID));
        execution.setVariable(STATE, SessionStatus.STOPPING.name());
        desk.sessionChanged((String) execution.getVariable(AGENT_ID), (String) execution.getVariable(SESSION_ID),
                SessionStatus.STOPPING.name(), null);
    }
}
