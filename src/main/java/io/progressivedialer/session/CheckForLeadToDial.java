package io.progressivedialer.session;

import static io.progressivedialer.session.SessionVariables.*;

import io.progressivedialer.lead.LeadRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Before the agent's line is asked for: with no lead ready but leads still being screened for DND (a list just
 * imported), the agent waits, unrung, instead of being rung and hung up at once; screening is looked at again every
 * {@code dialer.session.screening-recheck}, as long as {@link ScreeningWait} lets it (then the line is asked for, and
 * dial-whom says why there is no lead). A stop asked for meanwhile ends the session.
 */
@Component("checkForLeadToDial")
class CheckForLeadToDial implements JavaDelegate {

    private final LeadRepository leads;
    private final ScreeningWait screeningWait;
    private final AgentStates agentStates;
    private final Clock clock;
    private final Duration recheck;

    CheckForLeadToDial(LeadRepository leads, ScreeningWait screeningWait, AgentStates agentStates, Clock clock,
                       @Value("${dialer.session.screening-recheck:PT10S}") Duration recheck) {
        this.leads = leads;
        this.screeningWait = screeningWait;
        this.agentStates = agentStates;
        this.clock = clock;
        this.recheck = recheck;
    }

    @Override
    public void execute(DelegateExecution execution) {
        if (Boolean.TRUE.equals(execution.getVariable(STOP_REQUESTED))) {
            execution.setVariable(END_REASON, EndReason.STOP_REQUESTED);
            StepFacts.set(execution, NEXT_STEP, Step.END.name());
            return;
        }
        String campaignId = (String) execution.getVariable(CAMPAIGN_ID);
        String agentId = (String) execution.getVariable(AGENT_ID);
        Instant now = clock.instant();
        boolean wait = leads.ready(campaignId, agentId, Set.of(), 1).isEmpty()
                && screeningWait.waits(execution, campaignId, agentId, now);
        if (!wait) {
            StepFacts.set(execution, NEXT_STEP, Step.CONNECT.name());
            return;
        }
        StepFacts.set(execution, WAIT_UNTIL, Date.from(screeningWait.lookAgain(execution, now.plus(recheck))));
        StepFacts.set(execution, NEXT_STEP, Step.WAIT.name());
        agentStates.enter(execution, AgentState.WAITING, ScreeningWait.REASON, now);
    }

    enum Step { CONNECT, WAIT, END }
}
