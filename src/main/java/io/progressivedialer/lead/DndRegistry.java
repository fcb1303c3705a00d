package io.progressivedialer.lead;

import static io.progressivedialer.common.Timestamps.timestamp;

import io.progressivedialer.exotel.ExotelClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Whether a number is on the national do-not-disturb registry, as Exotel's number metadata says; each answer is
 * kept for {@code dialer.dnd.cache-ttl}, so that a number is asked about once, by the screening, and selection reads
 * the answer from here.
 */
@Component
public class DndRegistry {

    private final JdbcClient jdbc;
    private final LeadRepository leads;
    private final ExotelClient exotel;
    private final Clock clock;
    private final Duration cacheTtl;

    public DndRegistry(JdbcClient jdbc, LeadRepository leads, ExotelClient exotel, Clock clock,
                       @Value("${dialer.dnd.cache-ttl:P7D}") Duration cacheTtl) {
        this.jdbc = jdbc;
        this.leads = leads;
        this.exotel = exotel;
        this.clock = clock;
        this.cacheTtl = cacheTtl;
    }

    /** Learns the number's status ahead of its first dial, within the account's API budget, unless known. */
    void screen(String phone) {
        if (cached(phone).isEmpty()) {
            remember(phone, exotel.isDnd(phone));
        }
    }

    /** The number's status as last screened, while that answer is fresh; empty when it is not known. */
    public Optional<Boolean> cached(String phone) {
        return jdbc.sql("""
                        select dnd from number_dnd where phone = ? and checked_at > ?
                         order by checked_at desc fetch first 1 rows only""")
                .params(phone, timestamp(clock.instant().minus(cacheTtl)))
                .query(Boolean.class).optional();
    }

    /**
     * Sends back to screening the campaign's leads set aside as DND without Exotel saying their number is on the
     * registry (as an account refusal once did); answers how many.
     */
    public int rescreen(String campaignId) {
        return leads.rescreenDnd(campaignId, clock.instant().minus(cacheTtl));
    }

    private boolean remember(String phone, boolean dnd) {
        Instant now = clock.instant();
        jdbc.sql("delete from number_dnd where phone = ? and checked_at <= ?")
                .params(phone, timestamp(now.minus(cacheTtl))).update();
        jdbc.sql("insert into number_dnd (phone, dnd, checked_at) values (?, ?, ?)")
                .params(phone, dnd, timestamp(now)).update();
        return dnd;
    }
}
