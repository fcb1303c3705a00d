package io.progressivedialer.session;

import static io.progressivedialer.session.SessionVariables.AGENT_ID;
import static io.progressivedialer.session.SessionVariables.CAMPAIGN_ID;
import static io.progressivedialer.session.SessionVariables.SESSION_ID;

import io.progressivedialer.lead.Campaign;
import io.progressivedialer.lead.CampaignRepository;
import io.progressivedialer.lead.LeadRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * Hands the continue-dialing table the facts that are not process variables, as transient variables when its task
 * starts: they are read once, at that moment, and never stored (input mappings would store three variables and a
 * scope for every lead the agent is given).
 */
@Component("gatherDialingFacts")
class GatherDialingFacts implements ExecutionListener {

    private final SessionRepository sessions;
    private final CampaignRepository campaigns;
    private final LeadRepository leads;
    private final Clock clock;

    GatherDialingFacts(SessionRepository sessions, CampaignRepository campaigns, LeadRepository leads, Clock clock) {
        this.sessions = sessions;
        this.campaigns = campaigns;
        this.leads = leads;
        this.clock = clock;
    }

    @Override
    public void notify(DelegateExecution execution) {
        String campaignId = (String) execution.getVariable(CAMPAIGN_ID);
        String agentId = (String) execution.getVariable(AGENT_ID);
        String sessionId = (String) execution.getVariable(SESSION_ID);
        execution.setVariable("sessionMinutes", Variables.longValue(sessionMinutes(sessionId), true));
        execution.setVariable("minutesToShiftEnd", Variables.longValue(minutesToShiftEnd(campaignId), true));
        execution.setVariable("leadsRemaining", Variables.integerValue(leadsRemaining(campaignId, agentId), true));
    }

    private long sessionMinutes(String sessionId) {
        return Duration.between(sessions.find(sessionId).orElseThrow().startedAt(), clock.instant()).toMinutes();
    }

    /** Minutes until the campaign's calling window closes today, in the campaign's zone; 0 or less: closed. */
    private long minutesToShiftEnd(String campaignId) {
        Campaign campaign = campaigns.find(campaignId).orElseThrow();
        ZonedDateTime now = clock.instant().atZone(campaign.timezone());
        if (now.toLocalTime().isBefore(campaign.callWindowStart())) {
            return 0;
        }
        return Duration.between(now, now.with(campaign.callWindowEnd())).toMinutes();
    }

    /** Leads the agent may still be given, own and pool, counted up to 100 per kind: "none" or "some". */
    private int leadsRemaining(String campaignId, String agentId) {
        return leads.countDialable(campaignId, agentId, 100);
    }
}
