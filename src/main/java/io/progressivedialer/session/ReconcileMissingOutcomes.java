package io.progressivedialer.session;

import static io.progressivedialer.session.SessionVariables.*;

import io.progressivedialer.calls.CallOutcomes;
import io.progressivedialer.calls.CallRecord;
import io.progressivedialer.calls.CallRecordRepository;
import io.progressivedialer.lead.LeadStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The agent's call is over but some customer calls never got their Passthru: they are closed as
 * {@code missing} and their leads released for another attempt an hour later, so no lead stays reserved for
 * ever.
 */
@Component("reconcileMissingOutcomes")
class ReconcileMissingOutcomes implements JavaDelegate {

    static final String MISSING = "missing";
    /** The call may have reached the customer: not again at once. */
    static final Duration RETRY_AFTER = Duration.ofHours(1);

    private final CallRecordRepository calls;
    private final CallOutcomes callOutcomes;
    private final Clock clock;

    ReconcileMissingOutcomes(CallRecordRepository calls, CallOutcomes callOutcomes, Clock clock) {
        this.calls = calls;
        this.callOutcomes = callOutcomes;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Instant now = clock.instant();
        int reconciled = 0;
        for (CallRecord call : calls.withoutOutcome((String) execution.getVariable(SESSION_ID))) {
            if (callOutcomes.close(call.id(), new CallRecordRepository.Outcome(MISSING, null, 0, 0, null, null,
                    null, LeadStatus.RETRY.name(), false), now.plus(RETRY_AFTER), false, now)) {
                reconciled++;
            }
        }
        execution.setVariable(OUTCOMES_RECORDED, (Integer) execution.getVariable(OUTCOMES_RECORDED) + reconciled);
    }
}
