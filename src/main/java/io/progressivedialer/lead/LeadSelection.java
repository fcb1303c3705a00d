package io.progressivedialer.lead;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Picks the agent's next lead: the due candidates come from an indexed query, the analysts'
 * {@code lead-selection} table says which may be dialled now and how good each is, and the best is reserved
 * atomically, so that no two sessions ever get the same lead.
 */
@Service
public class LeadSelection {

    public static final String DECISION = "lead-selection";

    private final LeadRepository leads;
    private final CampaignRepository campaigns;
    private final DecisionService decisions;
    private final ObjectMapper json;
    private final Clock clock;
    private final int batch;

    public LeadSelection(LeadRepository leads, CampaignRepository campaigns, DecisionService decisions,
                         ObjectMapper json, Clock clock, @Value("${dialer.session.candidate-batch:20}") int batch) {
        this.leads = leads;
        this.campaigns = campaigns;
        this.decisions = decisions;
        this.json = json;
        this.clock = clock;
        this.batch = batch;
    }

    record Scored(Lead lead, boolean eligible, double score) {
    }

    public Optional<Lead> reserveNext(String campaignId, String agentId, String sessionId) {
        Campaign campaign = campaigns.find(campaignId).orElseThrow();
        Instant now = clock.instant();
        List<Scored> ranked = leads.dueCandidates(campaignId, agentId, now, batch).stream()
                .map(lead -> score(campaign, lead, now))
                .filter(Scored::eligible)
                .sorted(Comparator.comparingDouble(Scored::score).reversed())
                .toList();
        for (Scored candidate : ranked) {
            if (leads.reserve(candidate.lead(), sessionId, now)) {
                return leads.find(candidate.lead().id());
            }
        }
        return Optional.empty();
    }

    Scored score(Campaign campaign, Lead lead, Instant now) {
        DmnDecisionResultEntries result = decisions.evaluateDecisionByKey(DECISION)
                .variables(facts(campaign, lead, now))
                .evaluate()
                .getSingleResult();
        Boolean eligible = result.getEntry("eligible");
        Number score = result.getEntry("score");
        return new Scored(lead, Boolean.TRUE.equals(eligible), score == null ? 0 : score.doubleValue());
    }

    /** What the lead-selection table may look at, by the names an analyst sees in Camunda Modeler. */
    public Map<String, Object> facts(Campaign campaign, Lead lead, Instant now) {
        ZoneId zone = lead.timezone() == null ? campaign.timezone() : ZoneId.of(lead.timezone());
        LocalTime localTime = now.atZone(zone).toLocalTime();
        Map<String, Object> facts = new HashMap<>();
        facts.put("priority", lead.priority());
        facts.put("attempts", lead.attempts());
        facts.put("lastOutcome", lead.lastOutcome());
        facts.put("minutesSinceLastAttempt", lead.lastAttemptAt() == null ? null
                : Duration.between(lead.lastAttemptAt(), now).toMinutes());
        facts.put("localHour", localTime.getHour());
        facts.put("withinCallWindow", !localTime.isBefore(campaign.callWindowStart())
                && localTime.isBefore(campaign.callWindowEnd()));
        facts.put("callbackDue", false);
        facts.put("segment", attribute(lead, "segment"));
        return facts;
    }

    private String attribute(Lead lead, String name) {
        if (lead.attributes() == null) {
            return null;
        }
        try {
            Object value = json.readValue(lead.attributes(), Map.class).get(name);
            return value == null ? null : value.toString();
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
