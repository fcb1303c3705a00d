package io.progressivedialer.session;

import static io.progressivedialer.session.SessionVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Answers Exotel with no number, which ends its loop once the current call is over; the session itself
 * ends when the agent's call has ended and every dialled call has its outcome.
 */
@Component("stopDialing")
class StopDialing implements JavaDelegate {

    /** The input parameter that names why dialing stops. */
    static final String REASON = "reason";

    private final SessionWindDown windDown;

    StopDialing(SessionWindDown windDown) {
        this.windDown = windDown;
    }

    @Override
    public void execute(DelegateExecution execution) {
        windDown.apply(execution);
        StepFacts.set(execution, DIALLED_NUMBER, null);
        execution.setVariable(END_REASON, execution.getVariableLocal(REASON));
    }
}
