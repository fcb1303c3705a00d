package io.progressivedialer.lead;

import io.progressivedialer.exotel.ExotelApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Screens imported leads against the DND registry in the background, oldest first, so that dial-whom finds each
 * number's status in the cache and answers at once. Exotel being busy or down postpones screening to the next
 * round; a lead dialled before its turn here is looked up live.
 */
@Component
class DndScreening {

    private static final Logger log = LoggerFactory.getLogger(DndScreening.class);

    private final LeadRepository leads;
    private final DndRegistry registry;
    private final int batch;

    DndScreening(LeadRepository leads, DndRegistry registry, @Value("${dialer.dnd.screening-batch:50}") int batch) {
        this.leads = leads;
        this.registry = registry;
        this.batch = batch;
    }

    @Scheduled(fixedDelayString = "${dialer.dnd.screening-interval:PT1S}")
    void screenImportedLeads() {
        for (LeadRepository.Unscreened lead : leads.unscreened(batch)) {
            try {
                if (lead.needsLookup()) {
                    registry.screen(lead.phone());
                }
            } catch (ExotelApiException e) {
                if (e.isTransient()) {
                    log.info("DND screening paused until the next round: {}", e.getMessage());
                    return;
                }
                // Exotel will not say; the lead is looked up again, live, before it is dialled
                log.warn("DND status of lead {} not screened: {}", lead.id(), e.getMessage());
            }
            leads.screened(lead.id());
        }
    }
}
