package io.progressivedialer.session;

import io.progressivedialer.lead.Lead;
import static org.assertj.core.api.Assertions.assertThat;
import static io.progressivedialer.common.Timestamps.timestamp;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import io.progressivedialer.PassiveExotelTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * No webhook given up on lightly: one whose application fails is tried again with backoff for
 * dialer.inbox.retry-for, then kept as FAILED, counted and logged; each entry is claimed by one node only; a long
 * failure never makes marking it fail.
 */
class InboxRetryTest extends PassiveExotelTest {

    @Autowired
    WebhookInbox inbox;
    @Autowired
    SessionWebhooks webhooks;
    @Autowired
    JdbcClient jdbc;

    private long unreadableEntryFor(String sessionId) {
        jdbc.sql("""
                        insert into webhook_inbox (kind, idempotency_key, session_id, payload, state, received_at)
                        values ('popup', ?, ?, 'not json', 'PENDING', ?)""")
                .params("broken:" + System.nanoTime(), sessionId, timestamp(Instant.now())).update();
        return jdbc.sql("select max(id) from webhook_inbox").query(Long.class).single();
    }

    private String state(long id) {
        return jdbc.sql("select state from webhook_inbox where id = ?").param(id).query(String.class).single();
    }

    @Test
    void aFailingWebhookIsTriedAgainWithBackoffThenKeptAsFailed() {
        String campaign = newCampaign();
        String agent = newAgent();
        importLeads(campaign, "phone,name,agent,priority,timezone\n" + newLeadPhone() + ",Lead," + agent + ",1,\n");
        JsonNode session = startConnectedSession(agent, campaign);
        long id = unreadableEntryFor(session.path("sessionId").asText());

        webhooks.deliverPending();

        assertThat(state(id)).isEqualTo("RETRYING");
        assertThat(jdbc.sql("select next_attempt_at from webhook_inbox where id = ?").param(id)
                .query((rs, row) -> io.progressivedialer.common.Timestamps.instant(rs, 1)).single()).isAfter(Instant.now());
        webhooks.deliverPending();
        assertThat(jdbc.sql("select attempts from webhook_inbox where id = ?").param(id).query(Integer.class)
                .single()).as("not again before its pause is over").isEqualTo(1);

        jdbc.sql("update webhook_inbox set received_at = ?, next_attempt_at = ? where id = ?")
                .params(timestamp(Instant.now().minus(Duration.ofMinutes(11))),
                        timestamp(Instant.now().minusSeconds(1)), id).update();
        webhooks.deliverPending();

        assertThat(state(id)).isEqualTo("FAILED");
        JsonNode failed = read(get("/actuator/metrics/dialer.inbox.failed"));
        assertThat(failed.path("measurements").get(0).path("value").asDouble()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void webhooksASessionNeverTakesDoNotHoldUpTheOnesBehindThem() throws Exception {
        String campaign = newCampaign();
        String agent = newAgent();
        importLeads(campaign, "phone,name,agent,priority,timezone\n" + newLeadPhone() + ",Lead," + agent + ",1,\n");
        JsonNode session = startConnectedSession(agent, campaign);
        String sessionId = session.path("sessionId").asText();
        assertThat(dialWhom(session)).isNotNull();
        long callId = calls(sessionId).get(0).path("id").asLong();
        // sixty webhooks for a message the session does not wait for, more than a round of the sweep reads
        for (int i = 0; i < 60; i++) {
            inbox.receive("ready", "never:" + System.nanoTime() + ":" + i, sessionId, new SessionWebhooks.Delivery(
                    "AgentReady", Map.of()), WebhookInbox.State.PENDING);
        }
        inbox.receive("popup", "popup:" + callId + ":Answered", sessionId, new SessionWebhooks.Delivery(
                SessionWebhooks.CUSTOMER_CALL_EVENT, Map.of(SessionVariables.CALL_RECORD_ID, callId,
                        SessionVariables.EVENT_TYPE, "Answered")), WebhookInbox.State.PENDING);

        for (int round = 0; round < 3; round++) {
            webhooks.deliverPending();
        }

        assertThat(calls(sessionId).get(0).path("status").asText()).as("the webhook behind them applied")
                .isEqualTo("answered");
        assertThat(jdbc.sql("""
                        select max(attempts) from webhook_inbox where session_id = ? and kind = 'ready'""")
                .param(sessionId).query(Integer.class).single()).as("asked again only after a pause")
                .isLessThanOrEqualTo(2);
    }

    @Test
    void anEntryIsClaimedByOneNodeOnly() {
        JsonNode session = startConnectedSession(newAgent(), newCampaign());
        long id = unreadableEntryFor(session.path("sessionId").asText());
        // set aside, so that this node's own sweep leaves it to the test
        inbox.mark(id, WebhookInbox.State.UNMATCHED, "set aside for the test");
        WebhookInbox.Entry entry = new WebhookInbox.Entry(id, "popup", session.path("sessionId").asText(), "not json",
                1, "UNMATCHED", Instant.now());

        assertThat(inbox.claim(entry)).isTrue();
        assertThat(inbox.claim(entry)).as("the other node's claim of the same entry").isFalse();
        assertThat(state(id)).isEqualTo("APPLYING");
    }

    @Test
    void aFailureLongerThanItsColumnStillMarksTheEntry() {
        JsonNode session = startConnectedSession(newAgent(), newCampaign());
        long id = unreadableEntryFor(session.path("sessionId").asText());

        assertThatCode(() -> inbox.mark(id, WebhookInbox.State.FAILED, "x".repeat(5000))).doesNotThrowAnyException();

        assertThat(jdbc.sql("select detail from webhook_inbox where id = ?").param(id).query(String.class).single())
                .hasSize(WebhookInbox.MAX_DETAIL);
    }
}
