package io.progressivedialer.lead;

import io.progressivedialer.common.LogSafe;
import io.progressivedialer.exotel.ExotelAccountAlarm;
import io.progressivedialer.exotel.ExotelApiException;
import java.time.Duration;
import java.util.List;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Screens leads against the DND registry in the background, those most likely to be dialled next first, so that
 * selection finds each number's status in the cache and never asks Exotel. A lead is not dialled before it is
 * screened; Exotel being busy or down postpones screening to the next round. Only Exotel's answer about a number
 * (DND, or a number it calls invalid or unknown) keeps the lead from being dialled: Exotel refusing the dialer's
 * account says nothing about the number, so screening stops and the leads wait (see {@link ExotelAccountAlarm}).
 * Each lead is claimed by one node.
 */
@Component
class DndScreening {

    private static final Logger log = LoggerFactory.getLogger(DndScreening.class);

    /** Long enough for a batch at Exotel's rate limit; a node that dies leaves its claim to the others. */
    private static final Duration LEASE = Duration.ofMinutes(2);

    private final LeadRepository leads;
    private final DndRegistry registry;
    private final ExotelAccountAlarm accountAlarm;
    private final int batch;

    DndScreening(LeadRepository leads, DndRegistry registry, ExotelAccountAlarm accountAlarm, MeterRegistry meters,
                 @Value("${dialer.dnd.screening-batch:50}") int batch) {
        this.leads = leads;
        Gauge.builder("dialer.leads.awaiting.screening", leads::awaitingScreening)
                .description("leads waiting for their numbers to be screened against the DND registry")
                .register(meters);
        this.registry = registry;
        this.accountAlarm = accountAlarm;
        this.batch = batch;
    }

    @Scheduled(fixedDelayString = "${dialer.dnd.screening-interval:PT1S}")
    void screenImportedLeads() {
        if (accountAlarm.holdsBack()) {
            return;
        }
        List<LeadRepository.Unscreened> claimed = leads.claimUnscreened(batch, LEASE);
        for (int i = 0; i < claimed.size(); i++) {
            LeadRepository.Unscreened lead = claimed.get(i);
            try {
                if (lead.needsLookup()) {
                    lead.numbers().forEach(registry::screen);
                }
            } catch (ExotelApiException e) {
                if (!e.aboutTheRequest()) {
                    log.info("DND screening paused: {}", LogSafe.withoutNumbers(e.getMessage()));
                    leads.releaseScreeningClaims(claimed.subList(i, claimed.size()).stream()
                            .map(LeadRepository.Unscreened::id).toList());
                    return;
                }
                // calls go to numbers known not to be on the registry only: one Exotel calls invalid is not dialled
                log.warn("DND status of lead {} refused by Exotel for its number, lead not dialled: {}", lead.id(),
                        LogSafe.withoutNumbers(e.getMessage()));
                leads.block(lead.id(), LeadStatus.DND);
            }
            leads.screened(lead.id());
        }
    }
}
