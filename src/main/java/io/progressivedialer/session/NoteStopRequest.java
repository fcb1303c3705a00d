package io.progressivedialer.session;

import static io.progressivedialer.session.SessionVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Marks the session as stopping; continue-dialing reads the flag when Exotel next asks whom to dial. */
@Component("noteStopRequest")
class NoteStopRequest implements JavaDelegate {

    private final SessionWindDown windDown;

    NoteStopRequest(SessionWindDown windDown) {
        this.windDown = windDown;
    }

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariable(STOP_REQUESTED, true);
        windDown.apply(execution);
    }
}
