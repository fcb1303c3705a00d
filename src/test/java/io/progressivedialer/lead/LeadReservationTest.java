package io.progressivedialer.lead;

import static org.assertj.core.api.Assertions.assertThat;

import io.progressivedialer.PassiveExotelTest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A lead goes to one session only, and only while it is as it was when the selection scored it. */
class LeadReservationTest extends PassiveExotelTest {

    private static final LocalDate TODAY = LocalDate.now();

    @Autowired
    LeadRepository leads;

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
