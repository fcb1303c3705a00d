package io.progressivedialer.session;

import static io.progressivedialer.session.SessionVariables.KEEP_DIALING;
import static io.progressivedialer.session.SessionVariables.STOP_REASON;

import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Hands the continue-dialing table's answer to the steps right after it, the gateway "Keep dialing?" and "Stop
 * dialing", as step facts: stored as variables, they were two updates at every call.
 */
@Component("noteDialingDecision")
class NoteDialingDecision implements ExecutionListener {

    @Override
    public void notify(DelegateExecution execution) {
        Map<?, ?> decision = (Map<?, ?>) execution.getVariableLocal("dialingDecision");
        StepFacts.set(execution, KEEP_DIALING, decision != null && Boolean.TRUE.equals(decision.get("continue")));
        StepFacts.set(execution, STOP_REASON, decision == null ? null : decision.get("reason"));
    }
}
