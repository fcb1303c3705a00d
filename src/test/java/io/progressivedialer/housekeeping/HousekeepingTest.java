package io.progressivedialer.housekeeping;

import static io.progressivedialer.common.Timestamps.timestamp;
import static org.assertj.core.api.Assertions.assertThat;

import io.progressivedialer.PassiveExotelTest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The database stays bounded: old bookkeeping goes, what is still needed stays, and the engine cleans its history. */
class HousekeepingTest extends PassiveExotelTest {

    @Autowired
    Housekeeping housekeeping;
    @Autowired
    JdbcClient jdbc;

    @Test
    void whatIsNoLongerNeededGoesWhatIsStillNeededStays() {
        Instant monthAgo = Instant.now().minus(Duration.ofDays(30));
        long oldApplied = webhook("APPLIED", "old-applied", monthAgo);
        long recentApplied = webhook("APPLIED", "recent-applied", Instant.now());
        jdbc.sql("""
                        insert into crm_outbox (kind, payload, next_attempt_at, delivered_at, created_at)
                        values ('call', '{}', ?, ?, ?), ('call', '{}', ?, null, ?)""")
                // the undelivered post waits for a retry tomorrow, so the CRM relay leaves it alone meanwhile
                .params(timestamp(monthAgo), timestamp(monthAgo), timestamp(monthAgo),
                        timestamp(Instant.now().plus(Duration.ofDays(1))), timestamp(monthAgo))
                .update();
        jdbc.sql("insert into number_dnd (phone, dnd, checked_at) values ('+919000000042', false, ?)")
                .param(timestamp(monthAgo)).update();
        jdbc.sql("insert into sign_in_failure (username, failures, blocked_until) values ('guessed-long-ago', 3, ?),"
                + " ('blocked-now', 9, ?)").params(timestamp(monthAgo), timestamp(Instant.now().plusSeconds(60)))
                .update();
        jdbc.sql("insert into lead_import (id, campaign_id, characters_read, rows_read, updated_at) values"
                        + " ('00000000-0000-4000-8000-000000000001', 'c', 10, 1, ?),"
                        + " ('00000000-0000-4000-8000-000000000002', 'c', 10, 1, ?)")
                .params(timestamp(monthAgo), timestamp(Instant.now())).update();

        housekeeping.deleteWhatIsNoLongerNeeded();

        assertThat(exists("webhook_inbox", oldApplied)).isFalse();
        assertThat(exists("webhook_inbox", recentApplied)).isTrue();
        assertThat(count("select count(*) from crm_outbox where delivered_at is not null and created_at < ?")).isZero();
        assertThat(count("select count(*) from crm_outbox where delivered_at is null and created_at < ?"))
                .as("not yet taken by the CRM").isPositive();
        assertThat(jdbc.sql("select count(*) from number_dnd where phone = '+919000000042'").query(Integer.class)
                .single()).isZero();
        assertThat(jdbc.sql("select username from sign_in_failure where username in ('guessed-long-ago', 'blocked-now')")
                .query(String.class).list()).as("a block still running stays").containsExactly("blocked-now");
        assertThat(jdbc.sql("select id from lead_import where campaign_id = 'c'").query(String.class).list())
                .as("an import still running stays").containsExactly("00000000-0000-4000-8000-000000000002");
    }

    /** More old rows than a batch: all go, in several short deletes, none of the recent ones with them. */
    @Test
    void aNightsManyOldWebhooksGoInBatches() {
        Instant monthAgo = Instant.now().minus(Duration.ofDays(30));
        for (int i = 0; i < 2_500; i++) {
            webhook("APPLIED", "batch-" + i, monthAgo);
        }
        long recent = webhook("APPLIED", "batch-recent", Instant.now());

        housekeeping.deleteWhatIsNoLongerNeeded();

        assertThat(jdbc.sql("select count(*) from webhook_inbox where received_at < ?")
                .param(timestamp(Instant.now().minus(Duration.ofDays(20)))).query(Integer.class).single()).isZero();
        assertThat(exists("webhook_inbox", recent)).isTrue();
    }

    @Test
    void theEngineKeepsSessionHistoryThirtyDaysAndCleansItUpNightly() {
        assertThat(processEngine.getRepositoryService().createProcessDefinitionQuery()
                .processDefinitionKey("agent-session").latestVersion().singleResult().getHistoryTimeToLive())
                .isEqualTo(30);
        assertThat(processEngine.getHistoryService().findHistoryCleanupJobs()).isNotEmpty();
    }

    private long webhook(String state, String key, Instant receivedAt) {
        jdbc.sql("""
                        insert into webhook_inbox (kind, idempotency_key, payload, state, received_at)
                        values ('popup', ?, '{}', ?, ?)""")
                .params(key + System.nanoTime(), state, timestamp(receivedAt)).update();
        return jdbc.sql("select max(id) from webhook_inbox").query(Long.class).single();
    }

    private boolean exists(String table, long id) {
        return jdbc.sql("select count(*) from " + table + " where id = ?").param(id).query(Integer.class).single() == 1;
    }

    private int count(String sql) {
        return jdbc.sql(sql).param(timestamp(Instant.now().minus(Duration.ofDays(20)))).query(Integer.class).single();
    }
}
