package io.progressivedialer.calls;

import io.progressivedialer.lead.Lead;
import static org.assertj.core.api.Assertions.assertThat;
import static io.progressivedialer.common.Timestamps.timestamp;

import com.fasterxml.jackson.databind.JsonNode;
import io.progressivedialer.PassiveExotelTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.TimeZone;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What a real line sends that the dialer must take calmly: late popups, long histories, text a spreadsheet runs. */
class LineSafetyTest extends PassiveExotelTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void aCallbackEnteredOnTheDeskIsTheCustomersTimeAndStoredAsUtcWhateverTheServersZone() {
        String campaign = newCampaign();
        String agent = newAgent();
        String phone = newLeadPhone();
        importLeads(campaign, "phone,name,agent,priority,timezone\n" + phone + ",Lead," + agent + ",1,America/New_York\n");
        JsonNode session = startConnectedSession(agent, campaign);
        assertThat(dialWhom(session)).isEqualTo(phone);
        passthru(session, phone, "completed", 20);
        JsonNode call = calls(session.path("sessionId").asText()).get(0);
        assertThat(read(get("/api/agents/" + agent + "/desk")).toString()).as("the desk says whose clock")
                .contains("\"timezone\":\"America/New_York\"");
        LocalDateTime tomorrowAtTenThirty = LocalDate.now(ZoneId.of("America/New_York")).plusDays(1).atTime(10, 30);

        TimeZone serverZone = TimeZone.getDefault();
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("Asia/Kolkata"));
            assertThat(postJson("/api/calls/" + call.path("id").asLong() + "/disposition", Map.of("outcome", "CALLBACK",
                    "callbackLocalTime", tomorrowAtTenThirty.toString())).statusCode()).isEqualTo(200);
        } finally {
            TimeZone.setDefault(serverZone);
        }

        Instant expected = tomorrowAtTenThirty.atZone(ZoneId.of("America/New_York")).toInstant();
        assertThat(jdbc.sql("select callback_at from lead where phone = ?").param(phone)
                .query((rs, row) -> rs.getObject(1, LocalDateTime.class)).single())
                .as("the column holds UTC").isEqualTo(LocalDateTime.ofInstant(expected, ZoneOffset.UTC));
        assertThat(read(get("/api/leads?campaign=" + campaign + "&q=" + encode(phone))).get(0).path("callbackAt")
                .asText()).isEqualTo(expected.toString());
    }

    @Test
    void aLateRingingAfterAnsweredChangesNothing() {
        String phone = newLeadPhone();
        JsonNode session = sessionThatDialled(phone);

        assertThat(webhook("/exotel/popup", popup(session, phone, "Answered")).statusCode()).isEqualTo(200);
        assertThat(webhook("/exotel/popup", popup(session, phone, "Ringing")).statusCode()).isEqualTo(200);

        assertThat(calls(session.path("sessionId").asText()).get(0).path("status").asText()).isEqualTo("answered");
        assertThat(session(session.path("sessionId").asText()).path("agentState").asText()).isEqualTo("ON_CALL");
    }

    @Test
    void aCustomerWithALongHistoryStillReachesTheCrmWithinItsColumn() {
        String phone = newLeadPhone();
        String campaign = newCampaign();
        String agent = newAgent();
        importLeads(campaign, "phone,name,agent,priority,timezone\n" + phone + ",Often called," + agent + ",1,\n");
        JsonNode session = startConnectedSession(agent, campaign);
        long leadId = read(get("/api/leads?campaign=" + campaign)).get(0).path("id").asLong();
        java.time.LocalDateTime earlier = timestamp(Instant.now().minus(Duration.ofDays(3)));
        for (int i = 0; i < 60; i++) {
            jdbc.sql("""
                            insert into call_record (session_id, lead_id, number, status, dialled_at, outcome_at, notes)
                            values (?, ?, ?, 'busy', ?, ?, ?)""")
                    .params(session.path("sessionId").asText(), leadId, phone, earlier, earlier, "n".repeat(1500))
                    .update();
        }
        assertThat(dialWhom(session)).isEqualTo(phone);

        HttpResponse<String> answered = webhook("/exotel/popup", popup(session, phone, "Answered"));

        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
        List<String> posts = jdbc.sql("select payload from crm_outbox where payload like ?")
                .param("%Often called%").query(String.class).list();
        assertThat(posts).isNotEmpty().allSatisfy(post -> assertThat(post.length()).isLessThanOrEqualTo(16000));
        assertThat(posts).anySatisfy(post -> assertThat(post).contains("\"history\":[{"));
    }

    @Test
    void theCallExportDefusesFormulas() {
        String phone = newLeadPhone();
        JsonNode session = sessionThatDialled(phone);
        passthru(session, phone, "completed", 20);
        long callId = calls(session.path("sessionId").asText()).get(0).path("id").asLong();
        postJson("/api/calls/" + callId + "/disposition",
                Map.of("outcome", "INTERESTED", "notes", "=HYPERLINK(\"http://evil\",\"x\")"));

        String csv = get("/api/calls.csv?session=" + session.path("sessionId").asText()).body();

        assertThat(csv).contains("'=HYPERLINK").doesNotContain(",=HYPERLINK").doesNotContain(",\"=HYPERLINK");
    }

    @Test
    void theCallExportIsCapped() {
        for (int i = 0; i < 2; i++) {
            String phone = newLeadPhone();
            passthru(sessionThatDialled(phone), phone, "completed", 20);
        }

        assertThat(get("/api/calls.csv?limit=1").body().lines()).as("the header and one call").hasSize(2);
        HttpResponse<String> tooMany = get("/api/calls.csv?limit=" + (MAX_EXPORT_ROWS + 1));
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(tooMany.body()).contains("dialer.export.max-rows");
        assertThat(get("/api/calls.csv").body().lines().count()).as("unasked, the cap applies")
                .isLessThanOrEqualTo(MAX_EXPORT_ROWS + 1);
    }

    @Test
    void aDispositionSavedTwiceMovesTheLeadOnOnce() {
        String campaign = newCampaign();
        String agent = newAgent();
        String main = newLeadPhone();
        importLeads(campaign, "phone,name,agent,priority,timezone,alt_phone\n" + main + ",Lead," + agent + ",1,,"
                + newLeadPhone() + ";" + newLeadPhone() + "\n");
        JsonNode session = startConnectedSession(agent, campaign);
        assertThat(dialWhom(session)).isEqualTo(main);
        passthru(session, main, "completed", 10);
        long callId = calls(session.path("sessionId").asText()).get(0).path("id").asLong();

        for (int i = 0; i < 2; i++) {
            assertThat(postJson("/api/calls/" + callId + "/disposition", Map.of("outcome", "WRONG_NUMBER"))
                    .statusCode()).isEqualTo(200);
        }

        assertThat(read(get("/api/leads?campaign=" + campaign)).get(0).path("phoneIndex").asInt())
                .as("the first alternate next, not the second").isEqualTo(1);
    }

    @Test
    void aLateDispositionNeverUndoesAnotherSessionsReservation() {
        String campaign = newCampaign();
        String first = newAgent();
        String second = newAgent();
        String phone = newLeadPhone();
        importLeads(campaign, "phone,name,agent,priority,timezone\n" + phone + ",Pool lead,,1,\n");
        JsonNode earlier = startConnectedSession(first, campaign);
        assertThat(dialWhom(earlier)).isEqualTo(phone);
        passthru(earlier, phone, "busy", 0);
        long earlierCall = calls(earlier.path("sessionId").asText()).get(0).path("id").asLong();
        jdbc.sql("update lead set next_attempt_at = ? where phone = ?")
                .params(timestamp(Instant.now().minusSeconds(1)), phone).update();
        leadRepository.releaseDue(Instant.now());
        JsonNode later = startConnectedSession(second, campaign);
        assertThat(dialWhom(later)).isEqualTo(phone);

        assertThat(postJson("/api/calls/" + earlierCall + "/disposition", Map.of("outcome", "INTERESTED"))
                .statusCode()).isEqualTo(200);

        JsonNode lead = read(get("/api/leads?campaign=" + campaign)).get(0);
        assertThat(lead.path("status").asText()).isEqualTo("DIALLING");
        assertThat(lead.path("reservedBy").asText()).isEqualTo(later.path("sessionId").asText());
        assertThat(calls(earlier.path("sessionId").asText()).get(0).path("agentOutcome").asText())
                .as("the call keeps the agent's word").isEqualTo("INTERESTED");
    }
}
