package io.progressivedialer.session;

import static io.progressivedialer.session.SessionVariables.*;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.progressivedialer.calls.CallRecord;
import io.progressivedialer.calls.CallRecordRepository;
import io.progressivedialer.calls.CallSelection;
import io.progressivedialer.common.AfterCommit;
import io.progressivedialer.desk.AgentDesk;
import io.progressivedialer.lead.Lead;
import io.progressivedialer.lead.LeadRepository;
import io.progressivedialer.rules.LeadRules;
import io.progressivedialer.rules.LeadSelection;
import java.time.Clock;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Reserves the agent's next lead and opens its call record with why it was chosen; with none left, the dialled number
 * is empty and the reason says whether leads still await DND screening. A
 * dial-whom request that was answered already, but raced its own repeat here, gets the same number again.
 */
@Component("selectNextLead")
class SelectNextLead implements JavaDelegate {

    private final LeadSelection leadSelection;
    private final LeadRepository leads;
    private final CallRecordRepository calls;
    private final SessionRepository sessions;
    private final AgentDesk desk;
    private final AgentStates agentStates;
    private final Clock clock;
    private final Counter dialled;

    SelectNextLead(LeadSelection leadSelection, LeadRepository leads, CallRecordRepository calls,
                   SessionRepository sessions, AgentDesk desk, AgentStates agentStates, Clock clock,
                   MeterRegistry meters) {
        this.agentStates = agentStates;
        this.leads = leads;
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
            StepFacts.set(execution, DIALLED_NUMBER, answered.get().number());
            return;
        }
        String campaignId = (String) execution.getVariable(CAMPAIGN_ID);
        String agentId = (String) execution.getVariable(AGENT_ID);
        Optional<LeadSelection.Selection> next = leadSelection.reserveNext(campaignId, agentId, sessionId);
        if (next.isEmpty()) {
            StepFacts.set(execution, DIALLED_NUMBER, null);
            StepFacts.set(execution, NO_LEAD_REASON, leads.awaitingScreening(campaignId, agentId)
                    ? EndReason.LEADS_AWAITING_SCREENING : EndReason.NO_LEADS);
            return;
        }
        Lead lead = next.get().lead();
        LeadRules.Verdict verdict = next.get().verdict();
        CallSelection why = new CallSelection(next.get().table().decisionKey(), next.get().table().version(),
                verdict.score(), verdict.rules());
        long callId = calls.insertDialled(sessionId, lead.id(), (String) execution.getVariable(AGENT_CALL_SID),
                lead.numberToDial(), dialRequest, why, clock.instant());
        sessions.leadDialled(sessionId, lead.id());
        agentStates.enter(execution, AgentState.DIALLING, null, clock.instant());
        desk.dialling((String) execution.getVariable(AGENT_ID), sessionId, callId);
        AfterCommit.run(dialled::increment);
        if (!SessionStatus.ACTIVE.name().equals(execution.getVariable(STATE))) {
            // every variable set is an update, even to the value it has
            execution.setVariable(STATE, SessionStatus.ACTIVE.name());
        }
        StepFacts.set(execution, DIALLED_NUMBER, lead.numberToDial());
        execution.setVariable(CURRENT_LEAD_ID, lead.id());
        execution.setVariable(CALLS_DIALLED, (Integer) execution.getVariable(CALLS_DIALLED) + 1);
    }
}
