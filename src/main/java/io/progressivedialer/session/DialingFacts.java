package io.progressivedialer.session;

import io.progressivedialer.lead.Campaign;
import io.progressivedialer.lead.CampaignRepository;
import io.progressivedialer.lead.LeadRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import org.springframework.stereotype.Component;

/** The facts the continue-dialing table needs that are not process variables; the BPMN asks for them by name. */
@Component("dialingFacts")
public class DialingFacts {

    private final SessionRepository sessions;
    private final CampaignRepository campaigns;
    private final LeadRepository leads;
    private final Clock clock;

    DialingFacts(SessionRepository sessions, CampaignRepository campaigns, LeadRepository leads, Clock clock) {
        this.sessions = sessions;
        this.campaigns = campaigns;
        this.leads = leads;
        this.clock = clock;
    }

    public long sessionMinutes(String sessionId) {
        return Duration.between(sessions.find(sessionId).orElseThrow().startedAt(), clock.instant()).toMinutes();
    }

    /** Minutes until the campaign's calling window closes today, in the campaign's zone; 0 or less: closed. */
    public long minutesToShiftEnd(String campaignId) {
        Campaign campaign = campaigns.find(campaignId).orElseThrow();
        ZonedDateTime now = clock.instant().atZone(campaign.timezone());
        if (now.toLocalTime().isBefore(campaign.callWindowStart())) {
            return 0;
        }
        return Duration.between(now, now.with(campaign.callWindowEnd())).toMinutes();
    }

    /** Leads the agent may still be given, own and pool, counted up to 100 per kind: "none" or "some". */
    public int leadsRemaining(String campaignId, String agentId) {
        return leads.countDialable(campaignId, agentId, 100);
    }
}
