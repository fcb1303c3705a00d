package io.progressivedialer.session;

import static io.progressivedialer.session.SessionVariables.*;

import java.time.Clock;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/** When the process ends, the session row ends with it, naming the reason, and the agent is free again. */
@Component("closeSession")
class CloseSession implements ExecutionListener {

    private final SessionRepository sessions;
    private final Clock clock;

    CloseSession(SessionRepository sessions, Clock clock) {
        this.sessions = sessions;
        this.clock = clock;
    }

    @Override
    public void notify(DelegateExecution execution) {
        sessions.end((String) execution.getVariable(SESSION_ID), (String) execution.getVariable(END_REASON),
                clock.instant());
    }
}
