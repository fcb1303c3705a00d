package io.progressivedialer.rules;

import io.progressivedialer.lead.Lead;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.progressivedialer.PassiveExotelTest;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The lead rules as a session meets them: DND and do-not-call screening, alternate numbers, callbacks, attempts
 * per day, reassignment and the agent's own dispositions. The stand-in reports +919800000001 as DND.
 */
class LeadRulesTest extends PassiveExotelTest {

    static final String DND_NUMBER = "+919800000001";

    @Autowired
    JdbcClient jdbc;

    private String campaign;
    private String agent;

    private JsonNode sessionWithLeads(String leadsCsvRows) {
        campaign = newCampaign();
        agent = newAgent();
        importLeads(campaign, "phone,name,agent,priority,timezone,alt_phone,callback_at\n"
                + leadsCsvRows.replace("AGENT", agent));
        return startConnectedSession(agent, campaign);
    }

    private JsonNode lead(String phone) {
        for (JsonNode lead : read(get("/api/leads?campaign=" + campaign))) {
            if (lead.path("phone").asText().equals(phone)) {
                return lead;
            }
        }
        throw new AssertionError("no lead " + phone);
    }

    private long lastCallId(JsonNode session) {
        var calls = calls(session.path("sessionId").asText());
        return calls.get(calls.size() - 1).path("id").asLong();
    }

    @Test
    void aDndNumberIsNeverDialledUnlessTheCampaignIsTransactional() {
        String other = newLeadPhone();
        JsonNode session = sessionWithLeads(DND_NUMBER + ",On DND,AGENT,9,,,\n" + other + ",Other,AGENT,1,,,\n");

        assertThat(dialWhom(session)).isEqualTo(other);
        assertThat(lead(DND_NUMBER).path("status").asText()).isEqualTo("DND");
        assertThat(lead(DND_NUMBER).path("attempts").asInt()).isZero();

        String transactional = "txn-" + System.nanoTime();
        assertThat(postJson("/api/campaigns", Map.of("id", transactional, "name", "OTP calls",
                "callerId", "07314853246", "flowAppId", "1", "callWindowStart", "00:00", "callWindowEnd", "00:00",
                "transactional", true)).statusCode()).isEqualTo(200);
        String txnAgent = newAgent();
        importLeads(transactional, "phone,name,agent,priority,timezone\n" + DND_NUMBER + ",On DND," + txnAgent + ",1,\n");
        assertThat(dialWhom(startConnectedSession(txnAgent, transactional))).isEqualTo(DND_NUMBER);
    }

    @Test
    void importedLeadsAreScreenedInTheBackgroundBeforeTheirFirstDial() throws InterruptedException {
        campaign = newCampaign();
        agent = newAgent();
        String clean = newLeadPhone();
        importLeads(campaign, "phone,name,agent,priority,timezone\n" + DND_NUMBER + ",On DND," + agent + ",1,\n"
                + clean + ",Clean," + agent + ",1,\n");

        for (int i = 0; i < 100 && cachedDnd(clean) == null; i++) {
            Thread.sleep(100);
        }

        assertThat(cachedDnd(clean)).as("screened without any dial").isFalse();
        assertThat(cachedDnd(DND_NUMBER)).isTrue();
        assertThat(jdbc.sql("select count(*) from lead where campaign_id = ? and dnd_screened = false")
                .param(campaign).query(Integer.class).single()).isZero();
    }

    private Boolean cachedDnd(String phone) {
        return jdbc.sql("select dnd from number_dnd where phone = ? order by checked_at desc fetch first 1 rows only")
                .param(phone).query(Boolean.class).optional().orElse(null);
    }

    @Test
    void exotelIsAskedAboutANumberOnceWhileItsAnswerIsFresh() {
        String number = newLeadPhone();
        assertThat(dialWhom(sessionWithLeads(number + ",Lead,AGENT,1,,,\n"))).isEqualTo(number);
        String secondCampaign = newCampaign();
        String secondAgent = newAgent();
        importLeads(secondCampaign, "phone,name,agent,priority,timezone\n" + number + ",Same person," + secondAgent + ",1,\n");

        assertThat(dialWhom(startConnectedSession(secondAgent, secondCampaign))).isEqualTo(number);

        assertThat(jdbc.sql("select count(*) from number_dnd where phone = ?").param(number).query(Integer.class).single())
                .as("one answer cached, asked once").isEqualTo(1);
    }

    @Test
    void aNumberOnTheDoNotCallListIsNeverDialled() {
        String blocked = newLeadPhone();
        assertThat(postJson("/api/do-not-call", Map.of("phone", blocked, "reason", "complaint")).statusCode())
                .isEqualTo(201);
        String other = newLeadPhone();
        JsonNode session = sessionWithLeads(blocked + ",Blocked,AGENT,9,,,\n" + other + ",Other,AGENT,1,,,\n");

        assertThat(dialWhom(session)).isEqualTo(other);
        assertThat(lead(blocked).path("status").asText()).isEqualTo("DO_NOT_CALL");
        assertThat(read(get("/api/do-not-call")).findValuesAsText("phone")).contains(blocked);

        assertThat(delete("/api/do-not-call/" + encode(blocked)).statusCode()).isEqualTo(204);
        assertThat(delete("/api/do-not-call/" + encode(blocked)).statusCode()).isEqualTo(404);
        assertThat(postJson("/api/do-not-call", Map.of("phone", "12")).statusCode()).isEqualTo(400);
    }

    @Test
    void afterTheMainNumberFailsTheAlternateIsDialledNext() {
        String main = newLeadPhone();
        String alternate = newLeadPhone();
        JsonNode session = sessionWithLeads(main + ",Lead,AGENT,1,," + alternate + ",\n");

        assertThat(dialWhom(session)).isEqualTo(main);
        passthru(session, main, "failed", 0);
        assertThat(dialWhom(session)).isEqualTo(alternate);
        passthru(session, alternate, "completed", 30);

        assertThat(calls(session.path("sessionId").asText())).extracting(c -> c.path("number").asText())
                .containsExactly(main, alternate);
        assertThat(lead(main).path("status").asText()).isEqualTo("CONTACTED");
        assertThat(lead(main).path("phoneIndex").asInt()).isEqualTo(1);
    }

    @Test
    void atMostTwoAttemptsPerLeadAndDay() {
        String main = newLeadPhone();
        JsonNode session = sessionWithLeads(main + ",Lead,AGENT,1,," + newLeadPhone() + ";" + newLeadPhone() + ",\n");
        passthru(session, dialWhom(session), "failed", 0);
        passthru(session, dialWhom(session), "failed", 0);

        assertThat(dialWhom(session)).as("the second alternate waits for tomorrow").isNull();
        assertThat(lead(main).path("attemptsToday").asInt()).isEqualTo(2);
        assertThat(lead(main).path("status").asText()).isEqualTo("RETRY");
    }

    @Test
    void aDueCallbackGoesFirstAndAFutureOneWaits() {
        String urgent = newLeadPhone();
        String callback = newLeadPhone();
        String later = newLeadPhone();
        String past = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(5).toString();
        String future = OffsetDateTime.now(ZoneOffset.UTC).plusHours(2).toString();
        JsonNode session = sessionWithLeads(urgent + ",Urgent,AGENT,9,,,\n" + callback + ",Asked to be called,AGENT,1,,," + past
                + "\n" + later + ",Call me later,AGENT,9,,," + future + "\n");

        assertThat(dialWhom(session)).isEqualTo(callback);
        passthru(session, callback, "completed", 20);
        assertThat(dialWhom(session)).isEqualTo(urgent);
        passthru(session, urgent, "completed", 20);
        assertThat(dialWhom(session)).isNull();
        assertThat(lead(later).path("status").asText()).isEqualTo("NEW");
    }

    @Test
    void theAgentsDispositionOverridesTheAutomaticOne() {
        String customer = newLeadPhone();
        String alternate = newLeadPhone();
        String other = newLeadPhone();
        JsonNode session = sessionWithLeads(customer + ",Lead,AGENT,9,," + alternate + ",\n" + other + ",Other,AGENT,1,,,\n");
        assertThat(dialWhom(session)).isEqualTo(customer);
        long call = lastCallId(session);
        String disposition = "/api/calls/" + call + "/disposition";
        assertThat(postJson(disposition, Map.of("outcome", "INTERESTED")).statusCode())
                .as("no outcome from Exotel yet").isEqualTo(409);
        passthru(session, customer, "completed", 45);

        assertThat(postJson(disposition, Map.of("outcome", "CALLBACK")).statusCode()).isEqualTo(400);
        assertThat(postJson(disposition, Map.of("outcome", "MAYBE")).statusCode()).isEqualTo(400);
        String at = OffsetDateTime.now(ZoneOffset.UTC).plusDays(1).withNano(0).toString();
        HttpResponse<String> callback = postJson(disposition, Map.of("outcome", "CALLBACK",
                "notes", "call after the salary date", "callbackAt", at));

        assertThat(callback.statusCode()).as(callback.body()).isEqualTo(200);
        assertThat(read(callback).path("agentOutcome").asText()).isEqualTo("CALLBACK");
        assertThat(read(callback).path("notes").asText()).isEqualTo("call after the salary date");
        JsonNode lead = lead(customer);
        assertThat(lead.path("status").asText()).isEqualTo("RETRY");
        assertThat(lead.path("agentId").asText()).isEqualTo(agent);
        assertThat(OffsetDateTime.parse(lead.path("callbackAt").asText()).toInstant())
                .isEqualTo(OffsetDateTime.parse(at).toInstant());
        String corrected = OffsetDateTime.parse(at).plusHours(3).toString();
        assertThat(postJson(disposition, Map.of("outcome", "CALLBACK", "notes", "after lunch, not before",
                "callbackAt", corrected)).statusCode()).isEqualTo(200);
        assertThat(OffsetDateTime.parse(lead(customer).path("callbackAt").asText()).toInstant())
                .as("the corrected time kept").isEqualTo(OffsetDateTime.parse(corrected).toInstant());

        assertThat(postJson(disposition, Map.of("outcome", "WRONG_NUMBER")).statusCode()).isEqualTo(200);
        assertThat(lead(customer).path("phoneIndex").asInt()).isEqualTo(1);
        assertThat(dialWhom(session)).as("wrong number: the alternate, now").isEqualTo(alternate);
        passthru(session, alternate, "completed", 10);

        assertThat(postJson("/api/calls/" + lastCallId(session) + "/disposition",
                Map.of("outcome", "DO_NOT_CALL")).statusCode()).isEqualTo(200);
        assertThat(lead(customer).path("status").asText()).isEqualTo("DO_NOT_CALL");
        assertThat(read(get("/api/do-not-call")).findValuesAsText("phone")).contains(alternate);
        assertThat(postJson("/api/calls/999999/disposition", Map.of("outcome", "INTERESTED")).statusCode())
                .isEqualTo(404);
    }

    @Test
    void leadsAreReassignedBetweenAgentsAndThePool() {
        String lead = newLeadPhone();
        sessionWithLeads(lead + ",Lead,AGENT,1,,,\n");
        String colleague = newAgent();

        HttpResponse<String> moved = postJson("/api/leads/reassign", Map.of("campaignId", campaign,
                "fromAgentId", agent, "toAgentId", colleague));
        assertThat(read(moved).path("reassigned").asInt()).isEqualTo(1);
        assertThat(lead(lead).path("agentId").asText()).isEqualTo(colleague);

        assertThat(read(postJson("/api/leads/reassign", Map.of("campaignId", campaign, "fromAgentId", colleague)))
                .path("reassigned").asInt()).isEqualTo(1);
        assertThat(lead(lead).path("agentId").isMissingNode()).as("back in the pool").isTrue();
        assertThat(postJson("/api/leads/reassign", Map.of("campaignId", campaign, "toAgentId", "ghost")).statusCode())
                .isEqualTo(404);
    }

    @Test
    void importReadsAlternateNumbersAndCallbackTimesAndRejectsBadOnes() {
        campaign = newCampaign();
        agent = newAgent();
        String good = newLeadPhone();
        JsonNode report = importLeads(campaign, "phone,name,agent,priority,timezone,alt_phone,callback_at\n"
                + good + ",Good," + agent + ",1,Asia/Kolkata,098450 11111;+919845022222,2026-12-01 10:30\n"
                + newLeadPhone() + ",Bad alternate," + agent + ",1,,0799567xxxx,\n"
                + newLeadPhone() + ",Bad time," + agent + ",1,,,tomorrow\n");

        assertThat(report.path("imported").asInt()).isEqualTo(1);
        assertThat(report.path("rejections").findValuesAsText("reason")).satisfiesExactly(
                r -> assertThat(r).contains("invalid alt_phone"),
                r -> assertThat(r).contains("callback_at"));
        JsonNode lead = lead(good);
        assertThat(lead.path("altPhones").get(0).asText()).isEqualTo("+919845011111");
        assertThat(lead.path("altPhones").get(1).asText()).isEqualTo("+919845022222");
        assertThat(OffsetDateTime.parse(lead.path("callbackAt").asText()).toInstant())
                .isEqualTo(OffsetDateTime.parse("2026-12-01T10:30:00+05:30").toInstant());
        assertThat(lead.path("attributes").isMissingNode()).isTrue();
    }
}
