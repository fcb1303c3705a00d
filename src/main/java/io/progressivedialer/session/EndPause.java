package io.progressivedialer.session;

import static io.progressivedialer.session.SessionVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The agent is back: the pause they asked for is over. */
@Component("endPause")
class EndPause implements JavaDelegate {

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariable(PAUSE_REQUESTED, false);
        execution.setVariable(PAUSED_SINCE, null);
    }
}
