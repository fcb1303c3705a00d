package io.progressivedialer.session;

import static io.progressivedialer.session.SessionVariables.*;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.progressivedialer.calls.CallRecord;
import io.progressivedialer.calls.CallRecordRepository;
import io.progressivedialer.common.AfterCommit;
import io.progressivedialer.desk.AgentDesk;
import io.progressivedialer.lead.Lead;
import io.progressivedialer.lead.LeadSelection;
import java.time.Clock;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Reserves the agent's next lead and opens its call record; with none left, the dialled number is empty. A
 * dial-whom request that was answered already, but raced its own repeat here, gets the same number again.
 */
@Component("selectNextLead")
class SelectNextLead implements JavaDelegate {

    private final LeadSelection leadSelection;
    private final CallRecordRepository calls;
    private final SessionRepository sessions;
    private final AgentDesk desk;
    private final Clock clock;
    private final Counter dialled;

    SelectNextLead(LeadSelection leadSelection, CallRecordRepository calls, SessionRepository sessions, AgentDesk desk,
                   Clock clock, MeterRegistry meters) {
        this.dialled = meters.counter("dialer.calls.dialled");
        this.desk = desk;
        this.leadSelection = leadSelection;
        this.calls = calls;
        this.sessions = sessions;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String sessionId = (String) execution.getVariable(SESSION_ID);
        String dialRequest = (String) execution.getVariable(DIAL_REQUEST);
        Optional<CallRecord> answered = calls.openForDialRequest(sessionId, dialRequest);
        if (answered.isPresent()) {
            execution.setVariable(DIALLED_NUMBER, answered.get().number());
            return;
        }
        Optional<Lead> next = leadSelection.reserveNext((String) execution.getVariable(CAMPAIGN_ID),
                (String) execution.getVariable(AGENT_ID), sessionId);
        if (next.isEmpty()) {
            execution.setVariable(DIALLED_NUMBER, null);
            return;
        }
        Lead lead = next.get();
        long callId = calls.insertDialled(sessionId, lead.id(), (String) execution.getVariable(AGENT_CALL_SID),
                lead.numberToDial(), dialRequest, clock.instant());
        sessions.leadDialled(sessionId, lead.id());
        desk.dialling((String) execution.getVariable(AGENT_ID), sessionId, callId);
        AfterCommit.run(dialled::increment);
        execution.setVariable(STATE, SessionStatus.ACTIVE.name());
        execution.setVariable(DIALLED_NUMBER, lead.numberToDial());
        execution.setVariable(CURRENT_LEAD_ID, lead.id());
        execution.setVariable(CALLS_DIALLED, (Integer) execution.getVariable(CALLS_DIALLED) + 1);
    }
}
