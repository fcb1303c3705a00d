package io.progressivedialer.rules;

import io.progressivedialer.campaigns.Campaign;
import io.progressivedialer.campaigns.CampaignRepository;
import io.progressivedialer.lead.LeadRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Brings leads back to selection when their time comes: retries and callbacks that fall due, leads the tables set
 * aside once they are to be asked again, and every set-aside lead when a new version of the tables is deployed; and
 * takes them out while the calling window is closed in their zone.
 * Callbacks whose agent is away are handed to the campaign pool after {@code dialer.callback.grace}. Each step is one
 * conditional update, so that every node may run it at once.
 */
@Component
class LeadReadiness {

    private static final Logger log = LoggerFactory.getLogger(LeadReadiness.class);

    private final LeadRepository leads;
    private final CampaignRepository campaigns;
    private final LeadRules rules;
    private final Clock clock;
    private final Duration callbackGrace;
    /** The table version this node last released set-aside leads for: each node releases at start and per version. */
    private volatile Integer tableSeen;

    LeadReadiness(LeadRepository leads, CampaignRepository campaigns, LeadRules rules, Clock clock,
                  @Value("${dialer.callback.grace:PT15M}") Duration callbackGrace) {
        this.leads = leads;
        this.campaigns = campaigns;
        this.rules = rules;
        this.clock = clock;
        this.callbackGrace = callbackGrace;
    }

    /**
     * Sets aside, in one update per zone, the ready leads of every zone where a campaign's calling window is closed
     * now: released leads and leads screened at night never reach a selection before their window opens.
     */
    private void closeWindows(Instant now) {
        for (Campaign campaign : campaigns.list()) {
            Set<String> zones = new HashSet<>(leads.zonesOf(campaign.id()));
            zones.add(campaign.timezone().getId());
            for (String zone : zones) {
                ZoneId zoneId = ZoneId.of(zone);
                if (!campaign.windowOpen(zoneId, now)) {
                    leads.closeWindow(campaign.id(), zone, LeadSelection.OUTSIDE_WINDOW,
                            campaign.windowOpens(zoneId, now));
                }
            }
        }
    }

    @Scheduled(fixedDelayString = "${dialer.selection.release-interval:PT1S}")
    @Transactional
    public void release() {
        Instant now = clock.instant();
        Integer table = rules.deployedVersion();
        if (table != null && !table.equals(tableSeen)) {
            log.info("lead-selection version {} deployed: {} set-aside leads are decided afresh", table,
                    leads.releaseSetAside(table, now));
        }
        tableSeen = table;
        leads.releaseDue(now);
        closeWindows(now);
        int handedOver = leads.handOverCallbacks(now.minus(callbackGrace));
        if (handedOver > 0) {
            log.info("{} callbacks went to the campaign pool: their agent has no live session", handedOver);
        }
    }
}
