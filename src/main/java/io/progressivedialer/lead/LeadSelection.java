package io.progressivedialer.lead;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import feign.FeignException;
import io.progressivedialer.exotel.ExotelApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
    private static final Logger log = LoggerFactory.getLogger(LeadSelection.class);

    private final LeadRepository leads;
    private final CampaignRepository campaigns;
    private final DecisionService decisions;
    private final DoNotCallRepository doNotCall;
    private final DndRegistry dndRegistry;
    private final ObjectMapper json;
    private final Clock clock;
    private final int batch;
    /** Another session took, or was taking, the lead this one chose. */
    private final Counter reservationConflicts;

    public LeadSelection(LeadRepository leads, CampaignRepository campaigns, DecisionService decisions,
                         DoNotCallRepository doNotCall, DndRegistry dndRegistry, ObjectMapper json, Clock clock,
                         @Value("${dialer.session.candidate-batch:20}") int batch, MeterRegistry meters) {
        this.reservationConflicts = meters.counter("dialer.leads.reservation.conflicts");
        this.leads = leads;
        this.doNotCall = doNotCall;
        this.dndRegistry = dndRegistry;
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
        List<Lead> contended = new ArrayList<>();
        List<Scored> untried = new ArrayList<>(ranked);
        while (!untried.isEmpty()) {
            Lead lead = untried.remove(0).lead();
            if (!mayDial(campaign, lead)) {
                continue;
            }
            if (leads.reserve(lead, sessionId, now, localDate(campaign, lead, now), false)) {
                return leads.find(lead.id());
            }
            reservationConflicts.increment();
            if (contended.isEmpty()) {
                // Sessions asking at the same moment all rank the same leads first: after losing the best one,
                // each goes on from a place of its own in the ranking instead of queueing for the next best.
                Collections.rotate(untried, -Math.floorMod(sessionId.hashCode(), Math.max(1, untried.size())));
            }
            contended.add(lead);
        }
        // Every lead left was being reserved by other sessions: wait for them, for those sessions may yet roll
        // back, and "no lead left" would end this agent's session for good.
        for (Lead lead : contended) {
            if (leads.reserve(lead, sessionId, now, localDate(campaign, lead, now), true)) {
                return leads.find(lead.id());
            }
        }
        return Optional.empty();
    }

    /**
     * Screens the number before its first dial: the do-not-call list always, the DND registry unless the campaign
     * is transactional. A blocked lead leaves dialling for good; a number whose DND status cannot be learnt now
     * is skipped this time, never dialled blind.
     */
    private boolean mayDial(Campaign campaign, Lead lead) {
        String number = lead.numberToDial();
        if (doNotCall.contains(number)) {
            leads.block(lead.id(), LeadStatus.DO_NOT_CALL);
            return false;
        }
        if (campaign.transactional()) {
            return true;
        }
        try {
            if (dndRegistry.isDnd(number)) {
                leads.block(lead.id(), LeadStatus.DND);
                return false;
            }
            return true;
        } catch (ExotelApiException | FeignException e) {
            log.warn("DND status of lead {} unknown, not dialled now: {}", lead.id(), e.getMessage());
            return false;
        }
    }

    private static ZoneId zone(Campaign campaign, Lead lead) {
        return lead.timezone() == null ? campaign.timezone() : ZoneId.of(lead.timezone());
    }

    private static LocalDate localDate(Campaign campaign, Lead lead, Instant now) {
        return now.atZone(zone(campaign, lead)).toLocalDate();
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
        LocalTime localTime = now.atZone(zone(campaign, lead)).toLocalTime();
        Map<String, Object> facts = new HashMap<>();
        facts.put("priority", lead.priority());
        facts.put("attempts", lead.attempts());
        facts.put("lastOutcome", lead.lastOutcome());
        facts.put("minutesSinceLastAttempt", lead.lastAttemptAt() == null ? null
                : Duration.between(lead.lastAttemptAt(), now).toMinutes());
        facts.put("localHour", localTime.getHour());
        facts.put("withinCallWindow", !localTime.isBefore(campaign.callWindowStart())
                && localTime.isBefore(campaign.callWindowEnd()));
        facts.put("attemptsToday", lead.attemptsOn(localDate(campaign, lead, now)));
        facts.put("callbackDue", lead.callbackAt() != null && !lead.callbackAt().isAfter(now));
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
