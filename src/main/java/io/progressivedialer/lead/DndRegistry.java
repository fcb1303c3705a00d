package io.progressivedialer.lead;

import static io.progressivedialer.common.Timestamps.timestamp;

import io.progressivedialer.exotel.ExotelClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

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
    private final TransactionTemplate ownTransaction;

    public DndRegistry(JdbcClient jdbc, ExotelClient exotel, Clock clock, PlatformTransactionManager transactions,
                       @Value("${dialer.dnd.cache-ttl:P7D}") Duration cacheTtl) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.exotel = exotel;
        this.clock = clock;
        this.cacheTtl = cacheTtl;
    }

    public boolean isDnd(String phone) {
        Instant now = clock.instant();
        Optional<Boolean> cached = jdbc.sql("select dnd from number_dnd where phone = ? and checked_at > ?")
                .params(phone, timestamp(now.minus(cacheTtl)))
                .query(Boolean.class).optional();
        if (cached.isPresent()) {
            return cached.get();
        }
        boolean dnd = exotel.isDnd(phone);
        remember(phone, dnd, now);
        return dnd;
    }

    /**
     * In a transaction of its own: the cache is a convenience, and two sessions asking about one number at once
     * must not fail the dialling transaction with a duplicate key.
     */
    private void remember(String phone, boolean dnd, Instant now) {
        try {
            ownTransaction.executeWithoutResult(status -> {
                int updated = jdbc.sql("update number_dnd set dnd = ?, checked_at = ? where phone = ?")
                        .params(dnd, timestamp(now), phone).update();
                if (updated == 0) {
                    jdbc.sql("insert into number_dnd (phone, dnd, checked_at) values (?, ?, ?)")
                            .params(phone, dnd, timestamp(now)).update();
                }
            });
        } catch (DataIntegrityViolationException anotherSessionRememberedItFirst) {
            // the same answer is cached already
        }
    }
}
