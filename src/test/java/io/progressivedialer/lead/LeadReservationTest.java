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

        assertThat(leads.reserve(scored, "session-a", now, TODAY, false)).isTrue();
        assertThat(leads.reserve(scored, "session-b", now, TODAY, false)).isFalse();

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
            return CompletableFuture.supplyAsync(() -> leads.reserve(scored, "session-b", now, TODAY, false))
                    .orTimeout(5, TimeUnit.SECONDS).join();
        });

        assertThat(takenMeanwhile).isFalse();
        assertThat(leads.reserve(scored, "session-b", now, TODAY, false)).as("free again").isTrue();
    }

    @Test
    void whenAskedToWaitItTakesTheLeadOnceTheOtherSessionRollsBack() {
        Lead scored = newPoolLead();
        Instant now = Instant.now();
        CompletableFuture<Boolean> waiting = new CompletableFuture<>();

        transactions.executeWithoutResult(otherSession -> {
            jdbc.sql("select id from lead where id = ? for update").param(scored.id()).query(Long.class).single();
            CompletableFuture.supplyAsync(() -> leads.reserve(scored, "session-b", now, TODAY, true))
                    .whenComplete((taken, failure) -> waiting.complete(taken));
            sleep(300);
            assertThat(waiting).as("waits for the lock").isNotDone();
            otherSession.setRollbackOnly();
        });

        assertThat(waiting.orTimeout(5, TimeUnit.SECONDS).join()).isTrue();
    }

    @Test
    void aLeadDialledAndRescheduledSinceItWasScoredIsNotTaken() {
        Lead scored = newPoolLead();
        Instant now = Instant.now();
        leads.reserve(scored, "session-a", now, TODAY, false);
        leads.settle(scored.id(), LeadStatus.RETRY, "busy", now.plus(Duration.ofMinutes(30)), false);

        assertThat(leads.reserve(scored, "session-b", now, TODAY, false)).as("stale snapshot").isFalse();
        Lead rescheduled = leads.find(scored.id()).orElseThrow();
        assertThat(leads.reserve(rescheduled, "session-b", now, TODAY, false)).as("not due yet").isFalse();
        leads.releaseDue(now.plus(Duration.ofMinutes(29)));
        assertThat(leads.find(scored.id()).orElseThrow().ready()).as("not due at 29 minutes").isFalse();
        leads.releaseDue(now.plus(Duration.ofMinutes(31)));
        Lead due = leads.find(scored.id()).orElseThrow();
        assertThat(due.ready()).as("released once due").isTrue();
        assertThat(leads.reserve(due, "session-b", now.plus(Duration.ofMinutes(31)), TODAY, false)).as("due").isTrue();
    }
}
