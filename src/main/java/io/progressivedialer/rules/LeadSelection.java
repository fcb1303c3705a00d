package io.progressivedialer.rules;

import io.progressivedialer.campaigns.Campaign;
import io.progressivedialer.campaigns.CampaignRepository;
import io.progressivedialer.lead.Lead;
import io.progressivedialer.lead.LeadRepository;
import io.progressivedialer.lead.LeadStatus;
import io.progressivedialer.lead.DndRegistry;
import io.progressivedialer.lead.DoNotCallRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Picks the agent's next lead. Ready leads come from an indexed query, a batch of the agent's own and a batch of the
 * pool's at a time, best priority first; the analysts' {@code lead-selection} table says which may be dialled now and
 * how good each is; the best is reserved atomically, so that no two sessions ever get the same lead. A lead the table
 * says no to is set aside until its facts may have changed, so that it is not read again at every call: dial-whom
 * answers "no lead" only when no ready lead of the agent or the pool is eligible.
 */
@Service
public class LeadSelection {

    private static final Logger log = LoggerFactory.getLogger(LeadSelection.class);
    /** Why a lead is not dialled while the campaign's calling window is closed in its zone. */
    public static final String OUTSIDE_WINDOW = "outside the calling window in the lead's time zone";
    private static final LeadRules.Verdict OUTSIDE_WINDOW_VERDICT = new LeadRules.Verdict(false, 0,
            List.of(OUTSIDE_WINDOW));

    private final LeadRepository leads;
    private final CampaignRepository campaigns;
    private final LeadRules rules;
    private final LeadFacts facts;
    private final DoNotCallRepository doNotCall;
    private final DndRegistry dndRegistry;
    private final Clock clock;
    private final int batch;
    private final Duration recheckAfter;
    /** Another session took, or was taking, the lead this one chose. */
    private final Counter reservationConflicts;

    public LeadSelection(LeadRepository leads, CampaignRepository campaigns, LeadRules rules, LeadFacts facts,
                         DoNotCallRepository doNotCall, DndRegistry dndRegistry, Clock clock,
                         @Value("${dialer.session.candidate-batch:20}") int batch,
                         @Value("${dialer.selection.recheck-after:PT15M}") Duration recheckAfter, MeterRegistry meters) {
        this.reservationConflicts = meters.counter("dialer.leads.reservation.conflicts");
        this.leads = leads;
        this.campaigns = campaigns;
        this.rules = rules;
        this.facts = facts;
        this.doNotCall = doNotCall;
        this.dndRegistry = dndRegistry;
        this.clock = clock;
        this.batch = batch;
        this.recheckAfter = recheckAfter;
    }

    /** A lead with the table's verdict on it. */
    public record Scored(Lead lead, LeadRules.Verdict verdict) {

        boolean eligible() {
            return verdict.eligible();
        }
    }

    /** Eligible leads first, best score first; a stable order, so that ties keep the order the leads came in. */
    static final Comparator<Scored> BEST_FIRST = Comparator.comparing((Scored s) -> !s.eligible())
            .thenComparing(s -> -s.verdict().score());

    /** The reserved lead, and why it was chosen. */
    public record Selection(Lead lead, LeadRules.Table table, LeadRules.Verdict verdict) {
    }

    public Optional<Selection> reserveNext(String campaignId, String agentId, String sessionId) {
        Campaign campaign = campaigns.find(campaignId).orElseThrow();
        LeadRules.Table table = rules.deployed();
        Instant now = clock.instant();
        Set<Long> passedOver = new HashSet<>();
        List<Scored> contended = new ArrayList<>();
        while (true) {
            List<Lead> candidates = candidates(campaignId, agentId, passedOver, batch);
            if (candidates.isEmpty()) {
                break;
            }
            List<Scored> ranked = rank(campaign, agentId, candidates, table, now);
            passedOver.addAll(setAside(campaign, table, ranked, now));
            List<Scored> eligible = new ArrayList<>(ranked.stream().filter(Scored::eligible).toList());
            while (!eligible.isEmpty()) {
                Scored best = eligible.remove(0);
                passedOver.add(best.lead().id());
                if (!mayDial(campaign, best.lead())) {
                    continue;
                }
                if (leads.reserve(best.lead(), sessionId, now, LeadFacts.localDate(campaign, best.lead(), now), false)) {
                    return Optional.of(new Selection(leads.find(best.lead().id()).orElseThrow(), table, best.verdict()));
                }
                reservationConflicts.increment();
                if (contended.isEmpty()) {
                    // Sessions asking at the same moment all rank the same leads first: after losing the best one,
                    // each goes on from a place of its own in the ranking instead of queueing for the next best.
                    Collections.rotate(eligible, -Math.floorMod(sessionId.hashCode(), Math.max(1, eligible.size())));
                }
                contended.add(best);
            }
        }
        // Every eligible lead left was being reserved by other sessions: wait for them, for those sessions may yet
        // roll back, and "no lead left" would end this agent's session for good.
        for (Scored lead : contended) {
            if (leads.reserve(lead.lead(), sessionId, now, LeadFacts.localDate(campaign, lead.lead(), now), true)) {
                return Optional.of(new Selection(leads.find(lead.lead().id()).orElseThrow(), table, lead.verdict()));
            }
        }
        return Optional.empty();
    }

    /** The next ready leads: a batch of the agent's own and a batch of the pool's, each best priority first. */
    List<Lead> candidates(String campaignId, String agentId, Set<Long> passedOver, int limit) {
        LeadRepository.ReadyLeads ready = leads.ready(campaignId, agentId, passedOver, limit);
        List<Lead> candidates = new ArrayList<>(ready.own());
        candidates.addAll(ready.pool());
        return candidates;
    }

    /**
     * The verdict on each candidate: the eligible ones best score first (ties in the order given), then the others.
     * The calling window is the law, not a preference: a lead outside it is ineligible whatever the table says, and
     * the table is not asked.
     */
    List<Scored> rank(Campaign campaign, String agentId, List<Lead> candidates, LeadRules.Table table, Instant now) {
        return candidates.stream()
                .map(lead -> new Scored(lead, LeadFacts.withinCallWindow(campaign, lead, now)
                        ? rules.evaluate(table, facts.forSelection(campaign, lead, agentId, now))
                        : OUTSIDE_WINDOW_VERDICT))
                .sorted(BEST_FIRST)
                .toList();
    }

    /**
     * Sets the ineligible leads aside until their facts may have changed; answers those it could not set aside
     * because another session holds them.
     */
    private Set<Long> setAside(Campaign campaign, LeadRules.Table table, List<Scored> ranked, Instant now) {
        List<LeadRepository.SetAside> setAside = ranked.stream().filter(s -> !s.eligible())
                .map(s -> new LeadRepository.SetAside(s.lead().id(), why(s.verdict()), recheckAt(campaign, s.lead(), now),
                        table.version()))
                .toList();
        Set<Long> held = new HashSet<>(setAside.stream().map(LeadRepository.SetAside::leadId).toList());
        held.removeAll(leads.setAside(setAside));
        return held;
    }

    static String why(LeadRules.Verdict verdict) {
        return verdict.rules().isEmpty() ? "no rule matched" : verdict.rules().get(0);
    }

    /**
     * When the table is asked about the lead again: once the calling window opens in its zone if it is closed now;
     * else at the next of {@code dialer.selection.recheck-after} (up to twice that, at random, so that leads set
     * aside together do not all come back together), the lead's local midnight (attempts per day start again) and
     * its callback time.
     */
    Instant recheckAt(Campaign campaign, Lead lead, Instant now) {
        if (!LeadFacts.withinCallWindow(campaign, lead, now)) {
            return LeadFacts.windowOpens(campaign, lead, now);
        }
        ZoneId zone = LeadFacts.zone(campaign, lead);
        Instant next = now.plus(recheckAfter)
                .plusMillis(ThreadLocalRandom.current().nextLong(recheckAfter.toMillis() + 1));
        Instant midnight = now.atZone(zone).toLocalDate().plusDays(1).atStartOfDay(zone).toInstant();
        if (midnight.isBefore(next)) {
            next = midnight;
        }
        if (lead.callbackAt() != null && lead.callbackAt().isAfter(now) && lead.callbackAt().isBefore(next)) {
            next = lead.callbackAt();
        }
        return next;
    }

    /**
     * The do-not-call list always, the DND registry unless the campaign is transactional: a blocked lead leaves
     * dialling for good. DND status comes from the screening's cache, never from Exotel here; a number whose answer
     * has expired goes back to screening.
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
        Optional<Boolean> dnd = dndRegistry.cached(number);
        if (dnd.isEmpty()) {
            log.info("DND status of lead {} no longer known; screened again before it is dialled", lead.id());
            leads.unscreened(lead.id());
            return false;
        }
        if (dnd.get()) {
            leads.block(lead.id(), LeadStatus.DND);
            return false;
        }
        return true;
    }
}
