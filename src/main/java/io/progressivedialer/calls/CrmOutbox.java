package io.progressivedialer.calls;

import static io.progressivedialer.common.Timestamps.timestamp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.progressivedialer.common.JsonFit;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Popups and finished calls bound for the CRM ({@code dialer.crm.webhook-url}), stored in the transaction that
 * produced them; {@link CrmDelivery} posts them afterwards. With no CRM configured nothing is stored.
 */
@Component
public class CrmOutbox {

    /** A message as claimed: {@code claim} is the claim's token, which its node holds until the lease ends. */
    public record Message(long id, String kind, String payload, int attempts, String claim) {
    }

    private final JdbcClient jdbc;
    /** The outbox column's size. */
    static final int MAX_PAYLOAD = 16000;

    private final ObjectMapper json;
    private final Clock clock;
    private final boolean enabled;

    public CrmOutbox(JdbcClient jdbc, ObjectMapper json, Clock clock,
                     @Value("${dialer.crm.webhook-url:}") String webhookUrl) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.enabled = !webhookUrl.isBlank();
    }

    /** Whether a CRM takes the events: with none, nothing is built for it. */
    public boolean enabled() {
        return enabled;
    }

    public void enqueue(String kind, Object payload) {
        if (!enabled) {
            return;
        }
        Instant now = clock.instant();
        jdbc.sql("insert into crm_outbox (kind, payload, next_attempt_at, created_at) values (?, ?, ?, ?)")
                .params(kind, JsonFit.within(json.valueToTree(payload), MAX_PAYLOAD), timestamp(now), timestamp(now))
                .update();
    }

    /**
     * Claims up to {@code limit} due messages for this node for {@code lease}: rows another node is claiming are
     * skipped, not waited for, and a claimed row is due again only once its lease is over (its node died while
     * posting it). So each message is posted by one node.
     */
    @Transactional
    public List<Message> claimDue(int limit, Duration lease) {
        Instant now = clock.instant();
        List<Long> ids = jdbc.sql("""
                        select id from crm_outbox where delivered_at is null and next_attempt_at <= ?
                         order by id fetch first ? rows only for update skip locked""")
                .params(timestamp(now), limit)
                .query(Long.class).list();
        if (ids.isEmpty()) {
            return List.of();
        }
        String claim = UUID.randomUUID().toString();
        jdbc.sql("update crm_outbox set next_attempt_at = :until, claim_token = :claim where id in (:ids)")
                .param("until", timestamp(now.plus(lease))).param("claim", claim).param("ids", ids).update();
        return jdbc.sql("""
                        select id, kind, payload, attempts, claim_token as claim from crm_outbox
                         where id in (:ids) order by id""")
                .param("ids", ids)
                .query(Message.class).list();
    }

    /**
     * Renews the claim on a message for {@code lease} from now, just before it is posted; false when the claim was
     * lost (its lease ran out and another node claimed it), and this node must not post it.
     */
    boolean renew(Message message, Duration lease) {
        return jdbc.sql("""
                        update crm_outbox set next_attempt_at = ?
                         where id = ? and claim_token = ? and delivered_at is null""")
                .params(timestamp(clock.instant().plus(lease)), message.id(), message.claim()).update() == 1;
    }

    /** The message reached the CRM; recorded by the claim's holder only. */
    void delivered(Message message) {
        jdbc.sql("""
                        update crm_outbox set delivered_at = ?, attempts = attempts + 1, claim_token = null
                         where id = ? and claim_token = ?""")
                .params(timestamp(clock.instant()), message.id(), message.claim()).update();
    }

    void failed(Message message, String error, Instant nextAttemptAt) {
        jdbc.sql("""
                        update crm_outbox set attempts = attempts + 1, last_error = ?, next_attempt_at = ?,
                                              claim_token = null
                         where id = ? and claim_token = ?""")
                .params(error.length() > 1000 ? error.substring(0, 1000) : error, timestamp(nextAttemptAt),
                        message.id(), message.claim())
                .update();
    }

    public int pending() {
        return jdbc.sql("select count(*) from crm_outbox where delivered_at is null").query(Integer.class).single();
    }
}
