package io.progressivedialer.housekeeping;

import static io.progressivedialer.common.Timestamps.timestamp;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the dialer's own bookkeeping bounded over weeks of sessions, as Camunda's history cleanup does for the
 * engine's: webhooks already dealt with, CRM posts already taken and DND answers no longer trusted are deleted
 * once older than {@code dialer.retention.*}. Call records, leads and sessions are the business's record and stay.
 */
@Component
public class Housekeeping {

    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration inboxRetention;
    private final Duration outboxRetention;
    private final Duration dndCacheTtl;

    Housekeeping(JdbcClient jdbc, Clock clock,
                 @Value("${dialer.retention.webhooks:P14D}") Duration inboxRetention,
                 @Value("${dialer.retention.crm-posts:P14D}") Duration outboxRetention,
                 @Value("${dialer.dnd.cache-ttl:P7D}") Duration dndCacheTtl) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.inboxRetention = inboxRetention;
        this.outboxRetention = outboxRetention;
        this.dndCacheTtl = dndCacheTtl;
    }

    @Scheduled(cron = "${dialer.retention.cron:0 30 2 * * *}")
    public void deleteWhatIsNoLongerNeeded() {
        Instant now = clock.instant();
        int webhooks = jdbc.sql("""
                        delete from webhook_inbox
                         where state in ('APPLIED', 'UNMATCHED', 'FAILED') and received_at < ?""")
                .param(timestamp(now.minus(inboxRetention))).update();
        int posts = jdbc.sql("delete from crm_outbox where delivered_at < ?")
                .param(timestamp(now.minus(outboxRetention))).update();
        int dndAnswers = jdbc.sql("delete from number_dnd where checked_at < ?")
                .param(timestamp(now.minus(dndCacheTtl))).update();
        log.info("Housekeeping deleted {} webhooks, {} CRM posts and {} DND answers", webhooks, posts, dndAnswers);
    }
}
