package io.progressivedialer.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.progressivedialer.campaigns.Campaign;
import io.progressivedialer.lead.Lead;
import io.progressivedialer.rules.LeadFacts;
import io.progressivedialer.lead.LeadStatus;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The calling window applies in the lead's own time zone: the facts the dialer computes for a lead, run through
 * the real lead-selection table.
 */
class CallingWindowTest {

    private static final Campaign CAMPAIGN = new Campaign("c", "Campaign", "+917314853246", "1",
            ZoneId.of("Asia/Kolkata"), LocalTime.of(9, 0), LocalTime.of(21, 0), false);

    private final LeadFacts leadFacts = new LeadFacts(new ObjectMapper(), null);

    @ParameterizedTest(name = "{2} at {0} ({1}) -> eligible {3}")
    @CsvSource(nullValues = "campaign", textBlock = """
            2026-07-14T03:29:59Z, 08:59:59 in Kolkata,                  campaign,            false
            2026-07-14T03:30:00Z, 09:00 in Kolkata: window opens,       campaign,            true
            2026-07-14T15:29:59Z, 20:59:59 in Kolkata,                  campaign,            true
            2026-07-14T15:30:00Z, 21:00 in Kolkata: window closed,      campaign,            false
            2026-07-14T15:30:00Z, 21:00 in Kolkata is 11:30 in New York, America/New_York,   true
            2026-07-14T05:00:00Z, 10:30 in Kolkata is 01:00 in New York, America/New_York,   false
            2026-07-14T16:00:00Z, 21:30 in Kolkata is 20:00 in Dubai,    Asia/Dubai,          true
            2026-03-07T13:30:00Z, 08:30 EST the day before DST,          America/New_York,    false
            2026-03-09T13:30:00Z, 09:30 EDT the day after DST began,     America/New_York,    true
            2026-11-01T13:30:00Z, 08:30 EST the day DST ended,           America/New_York,    false
            2026-10-31T13:30:00Z, 09:30 EDT the day before DST ended,    America/New_York,    true
            """)
    void leadsAreCalledOnlyWithinTheCampaignWindowInTheirOwnZone(Instant now, String when, String leadZone,
                                                                 boolean eligible) {
        Lead lead = new Lead(1, "c", null, "+919800000001", "Lead", 1, leadZone, null, LeadStatus.NEW, 0, null,
                null, null, null, null, 0, null, 0, null, null, true, null);

        Map<String, Object> facts = new HashMap<>(leadFacts.forSelection(CAMPAIGN, lead, null, now));
        facts.putIfAbsent("segment", null); // a column this lead was imported without

        assertThat(facts.get("withinCallWindow")).as(when).isEqualTo(eligible);
        assertThat(DecisionTables.evaluate("lead-selection", "lead-rules.dmn", facts).<Boolean>getEntry("eligible"))
                .as(when).isEqualTo(eligible);
    }
}
