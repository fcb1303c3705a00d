package io.progressivedialer.lead;

import static io.progressivedialer.common.Timestamps.timestamp;

import io.progressivedialer.exotel.ExotelClient;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Whether a number is on the national do-not-disturb registry, as Exotel's number metadata says; each answer is
 * kept for {@code dialer.dnd.cache-ttl}, so that a number is asked about once, not at every attempt.
 */
@Component
public class DndRegistry {

    private final JdbcClient jdbc;
    private final ExotelClient exotel;
    private final Clock clock;
    private final Duration cacheTtl;

    public DndRegistry(JdbcClient jdbc, ExotelClient exotel, Clock clock,
                       @Value("${dialer.dnd.cache-ttl:P7D}") Duration cacheTtl) {
        this.jdbc = jdbc;
        this.exotel = exotel;
        this.clock = clock;
        this.cacheTtl = cacheTtl;
    }

    public boolean isDnd(String phone) {
        Instant now = clock.instant();
        Timestamp fresh = timestamp(now.minus(cacheTtl));
        Optional<Boolean> cached = jdbc.sql("""
                        select dnd from number_dnd where phone = ? and checked_at > ?
                         order by checked_at desc fetch first 1 rows only""")
                .params(phone, fresh)
                .query(Boolean.class).optional();
        if (cached.isPresent()) {
            return cached.get();
        }
        boolean dnd = exotel.isDnd(phone);
        jdbc.sql("delete from number_dnd where phone = ? and checked_at <= ?").params(phone, fresh).update();
        jdbc.sql("insert into number_dnd (phone, dnd, checked_at) values (?, ?, ?)")
                .params(phone, dnd, timestamp(now)).update();
        return dnd;
    }
}
