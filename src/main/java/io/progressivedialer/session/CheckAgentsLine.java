package io.progressivedialer.session;

import static io.progressivedialer.session.SessionVariables.*;

import io.progressivedialer.campaigns.Campaign;
import io.progressivedialer.campaigns.CampaignRepository;
import java.time.Clock;
import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Exotel asks whom to dial: when the agent's line would not hold another call, this is the point between calls to
 * end it (no number) and connect the agent again, before Exotel cuts it mid-conversation. A stop asked for is left to
 * continue-dialing: the session ends instead.
 */
@Component("checkAgentsLine")
class CheckAgentsLine implements JavaDelegate {

    private final AgentLines lines;
    private final CampaignRepository campaigns;
    private final AgentStates agentStates;
    private final Clock clock;

    CheckAgentsLine(AgentLines lines, CampaignRepository campaigns, AgentStates agentStates, Clock clock) {
        this.lines = lines;
        this.campaigns = campaigns;
        this.agentStates = agentStates;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Instant lineStartedAt = StepFacts.instant(execution, LINE_STARTED_AT);
        Instant now = clock.instant();
        Campaign campaign = campaigns.find((String) execution.getVariable(CAMPAIGN_ID)).orElseThrow();
        boolean runningOut = lineStartedAt != null && !Boolean.TRUE.equals(execution.getVariable(STOP_REQUESTED))
                && lines.runningOut(lineStartedAt, campaign, now);
        StepFacts.set(execution, LINE_RUNNING_OUT, runningOut);
        if (runningOut) {
            execution.setVariable(RENEWING_LINE, true);
            agentStates.enter(execution, AgentState.RENEWING_LINE, null, now);
        }
    }
}
