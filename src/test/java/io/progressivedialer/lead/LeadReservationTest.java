package io.progressivedialer.lead;

import static org.assertj.core.api.Assertions.assertThat;

import io.progressivedialer.PassiveExotelTest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** A lead goes to one session only, and only while it is as it was when the selection scored it. */
public class LeadReservationTest extends PassiveExotelTest {

    private static final LocalDate TODAY = LocalDate.now();

    @Autowired
    LeadRepository leads;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcClient jdbc;

    private Lead newPoolLead() {
        String campaign = newCampaign();
        importLeads(campaign, "phone,name,agent,priority,timezone\n" + newLeadPhone() + ",Pool lead,,1,\n");
        return leads.list(campaign, null, 1).get(0);
    }

    @Test
    void onlyTheFirstSessionGetsTheLead() {
        Lead scored = newPoolLead();
        Instant now = Instant.now();

        assertThat(leads.reserve(scored, "session-a", now, TODAY)).isTrue();
        assertThat(leads.reserve(scored, "session-b", now, TODAY)).isFalse();

        Lead reserved = leads.find(scored.id()).orElseThrow();
        assertThat(reserved.status()).isEqualTo(LeadStatus.DIALLING);
        assertThat(reserved.reservedBy()).isEqualTo("session-a");
        assertThat(reserved.attempts()).isEqualTo(1);
    }

    @Test
    void aLeadAnotherSessionIsReservingRightNowIsSkippedNotWaitedFor() {
        Lead scored = newPoolLead();
        Instant now = Instant.now();

        Boolean takenMeanwhile = transactions.execute(reserving -> {
            jdbc.sql("select id from lead where id = ? for update").param(scored.id()).query(Long.class).single();
            return CompletableFuture.supplyAsync(() -> leads.reserve(scored, "session-b", now, TODAY))
                    .orTimeout(5, TimeUnit.SECONDS).join();
        });

        assertThat(takenMeanwhile).isFalse();
        assertThat(leads.reserve(scored, "session-b", now, TODAY)).as("free again").isTrue();
    }

    @Test
    void aLeadDialledAndRescheduledSinceItWasScoredIsNotTaken() {
        Lead scored = newPoolLead();
        Instant now = Instant.now();
        leads.reserve(scored, "session-a", now, TODAY);
        leads.settle(scored.id(), LeadStatus.RETRY, "busy", now.plus(Duration.ofMinutes(30)), false);

        assertThat(leads.reserve(scored, "session-b", now, TODAY)).as("stale snapshot").isFalse();
        Lead rescheduled = leads.find(scored.id()).orElseThrow();
        assertThat(leads.reserve(rescheduled, "session-b", now, TODAY)).as("not due yet").isFalse();
        assertThat(leads.reserve(rescheduled, "session-b", now.plus(Duration.ofMinutes(31)), TODAY)).as("due").isTrue();
    }
}
