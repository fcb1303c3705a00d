package io.progressivedialer.session;

import static io.progressivedialer.session.SessionVariables.*;

import io.progressivedialer.desk.AgentDesk;
import java.time.Clock;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/** When the process ends, the session row ends with it, naming the reason, and the agent is free again. */
@Component("closeSession")
class CloseSession implements ExecutionListener {

    private final SessionRepository sessions;
    private final AgentDesk desk;
    private final Clock clock;

    CloseSession(SessionRepository sessions, AgentDesk desk, Clock clock) {
        this.desk = desk;
        this.sessions = sessions;
        this.clock = clock;
    }

    @Override
    public void notify(DelegateExecution execution) {
        String reason = (String) execution.getVariable(END_REASON);
        sessions.end((String) execution.getVariable(SESSION_ID), reason, clock.instant());
        desk.sessionChanged((String) execution.getVariable(AGENT_ID), (String) execution.getVariable(SESSION_ID),
                SessionStatus.ENDED.name(), reason);
    }
}
