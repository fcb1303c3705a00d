package io.progressivedialer.session;

import static io.progressivedialer.session.SessionVariables.*;

import io.progressivedialer.calls.CallOutcomes;
import io.progressivedialer.desk.AgentDesk;
import io.progressivedialer.calls.CallRecordRepository;
import io.progressivedialer.lead.LeadStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Writes the finished call's outcome to its call record and applies the call-disposition table's verdict to
 * the lead: closed, or released for a retry after the table's delay.
 */
@Component("recordCallOutcome")
class RecordCallOutcome implements JavaDelegate {

    /** The call-disposition table's single result, as the business rule task maps it. */
    static final String DISPOSITION = "disposition";

    private final CallOutcomes callOutcomes;
    private final AgentDesk desk;
    private final Clock clock;

    RecordCallOutcome(CallOutcomes callOutcomes, AgentDesk desk, Clock clock) {
        this.desk = desk;
        this.callOutcomes = callOutcomes;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        @SuppressWarnings("unchecked")
        Map<String, Object> disposition = (Map<String, Object>) execution.getVariable(DISPOSITION);
        // this call's verdict alone: never stored, nor handed to the next call's decisions as a fact
        execution.removeVariable(DISPOSITION);
        LeadStatus leadStatus = LeadStatus.valueOf((String) disposition.get("leadStatus"));
        boolean contact = Boolean.TRUE.equals(disposition.get("countsAsContact"));
        Number retryAfterMinutes = (Number) disposition.get("retryAfterMinutes");
        String dialCallStatus = (String) execution.getVariable("dialCallStatus");
        Instant now = clock.instant();

        long callRecordId = ((Number) execution.getVariable(CALL_RECORD_ID)).longValue();
        CallRecordRepository.Outcome outcome = new CallRecordRepository.Outcome(dialCallStatus,
                (String) execution.getVariable("callType"),
                (Integer) execution.getVariable("dialCallDuration"),
                (Integer) execution.getVariable("conversationSeconds"),
                (String) execution.getVariable("recordingUrl"),
                StepFacts.instant(execution, "recordingAvailableBy"),
                (String) execution.getVariable("causeCode"),
                (String) execution.getVariable("cause"),
                leadStatus.name(), contact);
        Instant nextAttemptAt = leadStatus == LeadStatus.RETRY && retryAfterMinutes != null
                ? now.plus(Duration.ofMinutes(retryAfterMinutes.longValue())) : null;
        if (!callOutcomes.close(callRecordId, outcome, nextAttemptAt,
                Boolean.TRUE.equals(disposition.get("tryAlternate")), now)) {
            return;
        }
        desk.callEnded((String) execution.getVariable(AGENT_ID), callRecordId);
        execution.setVariable(OUTCOMES_RECORDED, (Integer) execution.getVariable(OUTCOMES_RECORDED) + 1);
        execution.setVariable(CONSECUTIVE_UNANSWERED,
                contact ? 0 : (Integer) execution.getVariable(CONSECUTIVE_UNANSWERED) + 1);
    }
}
