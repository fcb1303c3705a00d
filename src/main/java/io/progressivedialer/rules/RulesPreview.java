package io.progressivedialer.rules;

import io.progressivedialer.agents.AgentRepository;
import io.progressivedialer.campaigns.Campaign;
import io.progressivedialer.campaigns.CampaignRepository;
import io.progressivedialer.lead.Lead;
import io.progressivedialer.lead.LeadRepository;
import io.progressivedialer.common.DialerException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tries a lead-selection table, the deployed one or one an analyst uploads, on a campaign's ready leads without
 * reserving or deploying anything: the leads in the order this agent would be given them, as selection would pick
 * them one call after another, then those the table would set aside; and why the campaign's other leads cannot be
 * dialled now.
 */
@Service
public class RulesPreview {

    private final LeadSelection selection;
    private final LeadRules rules;
    private final LeadRepository leads;
    private final CampaignRepository campaigns;
    private final AgentRepository agents;
    private final Clock clock;
    private final int batch;
    private final int maxCandidates;

    RulesPreview(LeadSelection selection, LeadRules rules, LeadRepository leads, CampaignRepository campaigns,
                 AgentRepository agents, Clock clock, @Value("${dialer.session.candidate-batch:20}") int batch,
                 @Value("${dialer.preview.max-candidates:5000}") int maxCandidates) {
        this.selection = selection;
        this.rules = rules;
        this.leads = leads;
        this.campaigns = campaigns;
        this.agents = agents;
        this.clock = clock;
        this.batch = batch;
        this.maxCandidates = maxCandidates;
    }

    public record PreviewLead(long leadId, String phone, boolean eligible, double score, List<String> rules,
                              List<String> unconverted) {
    }

    public record Preview(String decision, int version, List<PreviewLead> leads, LeadRepository.Summary summary) {
    }

    /** {@code dmnXml} empty: the deployed table. */
    @Transactional(readOnly = true)
    public Preview preview(String campaignId, String agentId, byte[] dmnXml, int limit) {
        Campaign campaign = campaigns.find(campaignId).orElseThrow(() -> DialerException.notFound("campaign", campaignId));
        agents.find(agentId).orElseThrow(() -> DialerException.notFound("agent", agentId));
        LeadRules.Table table = dmnXml == null || dmnXml.length == 0 ? rules.deployed() : rules.parse(dmnXml);
        Instant now = clock.instant();
        LeadRepository.ReadyLeads ready = leads.ready(campaignId, agentId, Set.of(), maxCandidates);
        List<Lead> own = new ArrayList<>(ready.own());
        List<Lead> pool = new ArrayList<>(ready.pool());
        Map<Long, LeadSelection.Scored> verdicts = new HashMap<>();
        List<LeadSelection.Scored> given = new ArrayList<>();
        List<LeadSelection.Scored> setAside = new ArrayList<>();
        while (given.size() < limit) {
            List<Lead> window = Stream.concat(own.stream().limit(batch), pool.stream().limit(batch)).toList();
            if (window.isEmpty()) {
                break;
            }
            List<Lead> unjudged = window.stream().filter(lead -> !verdicts.containsKey(lead.id())).toList();
            selection.rank(campaign, agentId, unjudged, table, now).forEach(s -> verdicts.put(s.lead().id(), s));
            // selection's own order: eligible first, best score first, ties in index order (own, then pool)
            List<LeadSelection.Scored> ranked = window.stream().map(lead -> verdicts.get(lead.id()))
                    .sorted(LeadSelection.BEST_FIRST).toList();
            for (LeadSelection.Scored scored : ranked) {
                if (!scored.eligible()) {
                    setAside.add(scored);
                    remove(scored, own, pool);
                }
            }
            ranked.stream().filter(LeadSelection.Scored::eligible).findFirst().ifPresent(best -> {
                given.add(best);
                remove(best, own, pool);
            });
        }
        List<PreviewLead> answer = Stream.concat(given.stream(), setAside.stream()).limit(limit)
                .map(s -> new PreviewLead(s.lead().id(), s.lead().numberToDial(), s.eligible(), s.verdict().score(),
                        s.verdict().rules(), s.verdict().unconverted()))
                .toList();
        return new Preview(table.decisionKey(), table.version(), answer, leads.summary(campaignId));
    }

    private static void remove(LeadSelection.Scored scored, List<Lead> own, List<Lead> pool) {
        own.removeIf(lead -> lead.id() == scored.lead().id());
        pool.removeIf(lead -> lead.id() == scored.lead().id());
    }
}
