package io.progressivedialer.session;

import static io.progressivedialer.session.SessionVariables.AGENT_ID;
import static io.progressivedialer.session.SessionVariables.CAMPAIGN_ID;
import static io.progressivedialer.session.SessionVariables.CURRENT_LEAD_ID;
import static io.progressivedialer.session.SessionVariables.SESSION_STARTED_AT;

import io.progressivedialer.campaigns.Campaign;
import io.progressivedialer.campaigns.CampaignRepository;
import io.progressivedialer.rules.LeadFacts;
import io.progressivedialer.lead.LeadRepository;
import io.progressivedialer.rules.LeadRules;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * Hands the continue-dialing table the facts that are not process variables (the session's age from the dial-whom
 * request's facts), and the attributes of the lead just dialled under their column names, as transient variables when
 * its task
 * starts: they are read once, at that moment, and never stored (input mappings would store three variables and a
 * scope for every lead the agent is given).
 */
@Component("gatherDialingFacts")
class GatherDialingFacts implements ExecutionListener {

    private static final String DECISION = "continue-dialing";

    private final CampaignRepository campaigns;
    private final LeadRepository leads;
    private final LeadFacts leadFacts;
    private final LeadRules leadRules;
    private final Clock clock;

    GatherDialingFacts(CampaignRepository campaigns, LeadRepository leads,
                       LeadFacts leadFacts, LeadRules leadRules, Clock clock) {
        this.leadFacts = leadFacts;
        this.leadRules = leadRules;
        this.campaigns = campaigns;
        this.leads = leads;
        this.clock = clock;
    }

    @Override
    public void notify(DelegateExecution execution) {
        String campaignId = (String) execution.getVariable(CAMPAIGN_ID);
        String agentId = (String) execution.getVariable(AGENT_ID);
        Date startedAt = (Date) execution.getVariable(SESSION_STARTED_AT);
        execution.setVariable("sessionMinutes",
                Variables.longValue(Duration.between(startedAt.toInstant(), clock.instant()).toMinutes(), true));
        execution.setVariable("minutesToShiftEnd", Variables.longValue(minutesToShiftEnd(campaignId), true));
        execution.setVariable("leadsRemaining", Variables.integerValue(leadsRemaining(campaignId, agentId), true));
        Object currentLead = execution.getVariable(CURRENT_LEAD_ID);
        Map<String, String> attributes = currentLead == null ? Map.of()
                : leads.find(((Number) currentLead).longValue()).map(leadFacts::attributes).orElse(Map.of());
        attributes.forEach((name, value) -> execution.setVariable(name, Variables.stringValue(value, true)));
        leadRules.columnsReadBy(DECISION).stream().filter(name -> !attributes.containsKey(name))
                .forEach(name -> execution.setVariable(name, Variables.untypedNullValue(true)));
    }

    /**
     * Minutes until the campaign's calling window closes in the last of the zones its leads are in where it is open
     * now; 0 or less: closed in all of them. The campaign's own zone counts too.
     */
    private long minutesToShiftEnd(String campaignId) {
        Campaign campaign = campaigns.find(campaignId).orElseThrow();
        Set<ZoneId> zones = new HashSet<>(List.of(campaign.timezone()));
        leads.zonesOf(campaignId).forEach(zone -> zones.add(ZoneId.of(zone)));
        return zones.stream().mapToLong(zone -> minutesToWindowEnd(campaign, zone)).max().orElse(0);
    }

    private long minutesToWindowEnd(Campaign campaign, ZoneId zone) {
        Instant now = clock.instant();
        if (now.atZone(zone).toLocalTime().isBefore(campaign.callWindowStart())) {
            return 0;
        }
        return Duration.between(now, campaign.windowCloses(zone, now)).toMinutes();
    }

    /** Leads the agent may still be given, own and pool, counted up to 100 per kind: "none" or "some". */
    private int leadsRemaining(String campaignId, String agentId) {
        return leads.countDialable(campaignId, agentId, 100);
    }
}
