package io.progressivedialer.housekeeping;

import static io.progressivedialer.common.Timestamps.timestamp;

import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the dialer's own bookkeeping bounded over weeks of sessions, as Camunda's history cleanup does for the
 * engine's: webhooks already dealt with, CRM posts already taken, DND answers no longer trusted, failed sign-ins
 * whose block is long over and the progress of imports that never ended are deleted once older than
 * {@code dialer.retention.*}. Call records, leads and sessions are the business's record and stay.
 * Rows go in batches of {@code dialer.retention.batch}, each its own short transaction, so that a night's cleanup of
 * a busy floor's million webhooks never holds the locks or the connection a live call needs.
 */
@Component
public class Housekeeping {

    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration inboxRetention;
    private final Duration outboxRetention;
    private final Duration dndCacheTtl;
    private final Duration signInFailureRetention;
    private final int batch;
    private final LongTaskTimer running;

    Housekeeping(JdbcClient jdbc, Clock clock,
                 @Value("${dialer.retention.webhooks:P14D}") Duration inboxRetention,
                 @Value("${dialer.retention.crm-posts:P14D}") Duration outboxRetention,
                 @Value("${dialer.dnd.cache-ttl:P7D}") Duration dndCacheTtl,
                 @Value("${dialer.retention.sign-in-failures:P1D}") Duration signInFailureRetention,
                 @Value("${dialer.retention.batch:2000}") int batch, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.clock = clock;
        this.inboxRetention = inboxRetention;
        this.outboxRetention = outboxRetention;
        this.dndCacheTtl = dndCacheTtl;
        this.signInFailureRetention = signInFailureRetention;
        this.running = LongTaskTimer.builder("dialer.housekeeping")
                .description("the retention cleanup deleting what is no longer needed, while it runs")
                .register(meters);
    }

    @Scheduled(cron = "${dialer.retention.cron:0 30 2 * * *}")
    public void deleteWhatIsNoLongerNeeded() {
        running.record(this::deleteNow);
    }

    private void deleteNow() {
        Instant now = clock.instant();
        int webhooks = inBatches("webhook_inbox", "id",
                "state in ('APPLIED', 'UNMATCHED', 'FAILED') and received_at < ?", now.minus(inboxRetention));
        int posts = inBatches("crm_outbox", "id", "delivered_at < ?", now.minus(outboxRetention));
        int dndAnswers = inBatches("number_dnd", "phone", "checked_at < ?", now.minus(dndCacheTtl));
        // a login tried once by a guesser would otherwise stay for good, and a guesser can try millions
        int signIns = inBatches("sign_in_failure", "username", "blocked_until < ?", now.minus(signInFailureRetention));
        // an import ends its own progress row; one left a day ago belonged to a node that died mid-import
        int imports = inBatches("lead_import", "id", "updated_at < ?", now.minus(Duration.ofDays(1)));
        log.info("Housekeeping deleted {} webhooks, {} CRM posts, {} DND answers, {} logins' failed sign-ins and {} "
                + "abandoned imports' progress", webhooks, posts, dndAnswers, signIns, imports);
    }

    /**
     * Deletes the table's rows matching {@code condition} (one timestamp parameter), a batch at a time: their keys
     * read from the condition's index, then the rows deleted by key, each its own short statement. Not one delete
     * whose condition holds the batch's subquery: H2 runs such a subquery again for every row of the table (with a
     * month of webhooks stored, a night's cleanup kept a core busy for more than a quarter of an hour).
     */
    private int inBatches(String table, String key, String condition, Instant before) {
        String batchKeys = "select " + key + " from " + table + " where " + condition + " fetch first " + batch
                + " rows only";
        String delete = "delete from " + table + " where " + key + " in (:keys)";
        int deleted = 0;
        List<Object> keys;
        do {
            keys = jdbc.sql(batchKeys).param(timestamp(before)).query((row, n) -> row.getObject(1)).list();
            if (!keys.isEmpty()) {
                deleted += jdbc.sql(delete).param("keys", keys).update();
            }
        } while (keys.size() == batch);
        return deleted;
    }
}
