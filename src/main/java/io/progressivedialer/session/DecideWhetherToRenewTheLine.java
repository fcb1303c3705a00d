package io.progressivedialer.session;

import static io.progressivedialer.session.SessionVariables.*;

import java.time.Clock;
import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The agent's line ended. The session goes on, on a new line, when it ended the line itself between calls, or when
 * Exotel cut the line at its time limit while dialing was to go on; an agent who hangs up ends the session.
 */
@Component("decideWhetherToRenewTheLine")
class DecideWhetherToRenewTheLine implements JavaDelegate {

    private final AgentLines lines;
    private final Clock clock;

    DecideWhetherToRenewTheLine(AgentLines lines, Clock clock) {
        this.lines = lines;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Instant lineStartedAt = StepFacts.instant(execution, LINE_STARTED_AT);
        boolean dialingGoesOn = execution.getVariable(END_REASON) == null
                && !Boolean.TRUE.equals(execution.getVariable(STOP_REQUESTED));
        boolean renew = dialingGoesOn && (Boolean.TRUE.equals(execution.getVariable(RENEWING_LINE))
                || lineStartedAt != null && lines.reachedItsLimit(lineStartedAt, clock.instant()));
        StepFacts.set(execution, RENEW_LINE, renew);
    }
}
