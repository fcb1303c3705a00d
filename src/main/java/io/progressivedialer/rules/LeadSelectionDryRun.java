package io.progressivedialer.rules;

import io.progressivedialer.campaigns.Campaign;
import io.progressivedialer.campaigns.CampaignRepository;
import io.progressivedialer.campaigns.CampaignStatus;
import io.progressivedialer.lead.Lead;
import io.progressivedialer.lead.LeadRepository;
import io.progressivedialer.common.DialerException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Tries a file's {@code lead-selection} on every active campaign's ready leads (the best of them, up to
 * {@code dialer.rules.dry-run-leads}) before it is deployed: a campaign the deployed table gives leads to and the new one
 * would give none is reported with its figures, so that a slip in a rule does not end every session with no leads.
 * Leads are asked about as the pool's, the agent not yet known.
 */
@Component
class LeadSelectionDryRun implements DeploymentImpact {

    private final LeadRules rules;
    private final LeadSelection selection;
    private final LeadRepository leads;
    private final CampaignRepository campaigns;
    private final Clock clock;
    private final int sample;

    LeadSelectionDryRun(LeadRules rules, LeadSelection selection, LeadRepository leads, CampaignRepository campaigns,
                        Clock clock, @Value("${dialer.rules.dry-run-leads:500}") int sample) {
        this.rules = rules;
        this.selection = selection;
        this.leads = leads;
        this.campaigns = campaigns;
        this.clock = clock;
        this.sample = sample;
    }

    @Override
    public List<String> campaignsLeftWithoutLeads(byte[] dmn) {
        LeadRules.Table candidate;
        try {
            candidate = rules.parse(dmn);
        } catch (DialerException noLeadSelection) {
            return List.of(); // a file without a usable lead-selection changes no campaign's leads
        }
        LeadRules.Table deployed = rules.deployed();
        Instant now = clock.instant();
        List<String> stranded = new ArrayList<>();
        for (Campaign campaign : campaigns.list()) {
            if (campaign.status() != CampaignStatus.ACTIVE) {
                continue;
            }
            List<Lead> ready = leads.readyOfCampaign(campaign.id(), sample);
            long nowEligible = eligible(campaign, ready, deployed, now);
            if (nowEligible > 0 && eligible(campaign, ready, candidate, now) == 0) {
                stranded.add("campaign " + campaign.id() + " would have no eligible lead among its " + ready.size()
                        + " best ready leads (" + nowEligible + " today)");
            }
        }
        return stranded;
    }

    private long eligible(Campaign campaign, List<Lead> ready, LeadRules.Table table, Instant now) {
        return selection.rank(campaign, null, ready, table, now).stream().filter(LeadSelection.Scored::eligible)
                .count();
    }
}
