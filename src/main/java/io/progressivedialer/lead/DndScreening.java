package io.progressivedialer.lead;

import io.progressivedialer.exotel.ExotelApiException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
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

    record Unscreened(long id, String phone, LeadStatus status, boolean transactional) {

        boolean needsLookup() {
            return !transactional && (status == LeadStatus.NEW || status == LeadStatus.RETRY);
        }
    }

    private final JdbcClient jdbc;
    private final DndRegistry registry;
    private final int batch;

    DndScreening(JdbcClient jdbc, DndRegistry registry, @Value("${dialer.dnd.screening-batch:50}") int batch) {
        this.jdbc = jdbc;
        this.registry = registry;
        this.batch = batch;
    }

    @Scheduled(fixedDelayString = "${dialer.dnd.screening-interval:PT1S}")
    void screenImportedLeads() {
        for (Unscreened lead : unscreened()) {
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
            jdbc.sql("update lead set dnd_screened = true where id = ?").param(lead.id()).update();
        }
    }

    private List<Unscreened> unscreened() {
        return jdbc.sql("""
                        select l.id, l.phone, l.status, c.transactional
                          from lead l join campaign c on c.id = l.campaign_id
                         where l.dnd_screened = false
                         order by l.id fetch first ? rows only""")
                .param(batch)
                .query(Unscreened.class).list();
    }
}
