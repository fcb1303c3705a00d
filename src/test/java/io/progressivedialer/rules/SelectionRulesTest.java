package io.progressivedialer.rules;

import io.progressivedialer.lead.Lead;
import static org.assertj.core.api.Assertions.assertThat;
import static io.progressivedialer.common.Timestamps.timestamp;

import com.fasterxml.jackson.databind.JsonNode;
import io.progressivedialer.PassiveExotelTest;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Selection through the real tables, as a session meets it: leads the tables say no to never hide one they say yes
 * to, the calling window applies in each lead's zone, the tables read every imported column and one attempt limit,
 * callbacks are appointments, and a preview shows the order dial-whom then gives.
 */
class SelectionRulesTest extends PassiveExotelTest {


    @Autowired
    JdbcClient jdbc;

    @Autowired
    LeadRules leadRules;

    /** A fixed-offset zone in which the local hour is {@code hour} now. */
    private static String zoneWhereItIs(int hour) {
        int offset = Math.floorMod(hour - ZonedDateTime.now(ZoneOffset.UTC).getHour(), 24);
        return ZoneOffset.ofHours(offset > 12 ? offset - 24 : offset).getId();
    }

    /** A campaign calling 09:00-21:00 in {@code zone}. */
    private String campaignIn(String zone) {
        String id = "window-" + System.nanoTime();
        assertThat(postJson("/api/campaigns", Map.of("id", id, "name", "Daytime calls", "callerId", "07314853246",
                "flowAppId", "383431", "timezone", zone, "callWindowStart", "09:00", "callWindowEnd", "21:00"))
                .statusCode()).isEqualTo(200);
        return id;
    }

    private JsonNode lead(String campaign, String phone) {
        return read(get("/api/leads?campaign=" + campaign)).findParents("phone").stream()
                .filter(lead -> lead.path("phone").asText().equals(phone)).findFirst().orElseThrow();
    }

    @Test
    void fiveHundredIneligibleLeadsRankedFirstDoNotHideTheOneEligibleLead() {
        String campaign = campaignIn("Asia/Kolkata");
        String agent = newAgent();
        String night = zoneWhereItIs(2);
        StringBuilder csv = new StringBuilder("phone,name,agent,priority,timezone\n");
        for (int i = 0; i < 500; i++) {
            csv.append(newLeadPhone()).append(",At night,").append(agent).append(",90,").append(night).append('\n');
        }
        String daytime = newLeadPhone();
        csv.append(daytime).append(",In daytime,").append(agent).append(",1,").append(zoneWhereItIs(13)).append('\n');
        importLeads(campaign, csv.toString());
        JsonNode session = startConnectedSession(agent, campaign);

        assertThat(dialWhom(session)).isEqualTo(daytime);

        JsonNode call = calls(session.path("sessionId").asText()).get(0);
        assertThat(call.path("selection").path("decision").asText()).isEqualTo("lead-selection");
        assertThat(call.path("selection").path("version").asInt()).isPositive();
        assertThat(call.path("selection").path("score").asDouble()).isEqualTo(10_010.0);
        assertThat(call.path("selection").path("rules")).extracting(JsonNode::asText)
                .contains("otherwise dial, best score first", "the agent's own leads before the campaign pool");
        JsonNode summary = preview(campaign, agent, null).path("summary");
        assertThat(summary.path("setAsideByRule").path(LeadSelection.OUTSIDE_WINDOW).asInt()).isEqualTo(500);
        JsonNode atNight = read(get("/api/leads?campaign=" + campaign)).get(0);
        Instant opens = Instant.parse(atNight.path("nextAttemptAt").asText());
        assertThat(opens.atZone(ZoneId.of(night)).toLocalTime()).as("asked again when its window opens")
                .isEqualTo(LocalTime.of(9, 0));

        passthru(session, daytime, "completed", 30);
        assertThat(dialWhom(session)).as("nothing dialable now").isNull();
    }

    @Test
    void aCampaignWhoseOwnZoneIsAtNightDialsLeadsWhoseZoneIsInTheWindow() {
        String campaign = campaignIn(zoneWhereItIs(2));
        String agent = newAgent();
        String daytime = newLeadPhone();
        importLeads(campaign, "phone,name,agent,priority,timezone\n" + daytime + ",Lead," + agent + ",1,"
                + zoneWhereItIs(13) + "\n+16502530000,Mountain View," + agent + ",1,\n");

        assertThat(dialWhom(startConnectedSession(agent, campaign))).isEqualTo(daytime);
        assertThat(lead(campaign, "+16502530000").path("timezone").asText()).as("the number's own zone")
                .isEqualTo("America/Los_Angeles");
    }

    @ParameterizedTest(name = "column {0}, read as {1}")
    @CsvSource({"city, city", "Home City, Home_City"})
    void aRuleOnAColumnNoCodeNamesTakesEffectOnceDeployed(String header, String factName) {
        String campaign = newCampaign();
        String agent = newAgent();
        String delhi = newLeadPhone();
        String pune = newLeadPhone();
        importLeads(campaign, "phone,name,agent,priority,timezone," + header + "\n" + delhi + ",A," + agent
                + ",5,,Delhi\n" + pune + ",B," + agent + ",1,,Pune\n");
        String puneFirst = shippedLeadRules().replace("<text>segment</text>", "<text>" + factName + "</text>")
                .replace("<text>\"vip\"</text>", "<text>\"Pune\"</text>")
                .replace("<text>50</text>", "<text>5000</text>");
        withLeadRules(puneFirst, () ->
                assertThat(dialWhom(startConnectedSession(agent, campaign))).isEqualTo(pune));
    }

    @Test
    void theAttemptLimitChangedInOnePlaceChangesSelectionAndDisposition() {
        String campaign = newCampaign();
        String agent = newAgent();
        String main = newLeadPhone();
        importLeads(campaign, "phone,name,agent,priority,timezone,alt_phone\n" + main + ",A," + agent + ",1,,"
                + newLeadPhone() + "\n");
        JsonNode session = startConnectedSession(agent, campaign);
        passthru(session, dialWhom(session), "failed", 0);
        assertThat(lead(campaign, main).path("status").asText()).as("the alternate is due at once").isEqualTo("RETRY");
        String otherAgent = newAgent();
        String other = newLeadPhone();
        importLeads(campaign, "phone,name,agent,priority,timezone,alt_phone\n" + other + ",B," + otherAgent + ",1,,\n");
        withLeadRules(shippedLeadRules().replace("<text>&gt;= 3</text>", "<text>&gt;= 1</text>"), () -> {
            assertThat(dialWhom(session)).as("selection: one attempt is the limit now").isNull();
            assertThat(lead(campaign, main).path("setAside").asText()).isEqualTo("attempts used up");
            sleep(1500);
            assertThat(lead(campaign, main).path("setAside").asText())
                    .as("the release for the new version leaves what the new version set aside").isEqualTo("attempts used up");
            JsonNode otherSession = startConnectedSession(otherAgent, campaign);
            passthru(otherSession, dialWhom(otherSession), "busy", 0);
            assertThat(lead(campaign, other).path("status").asText()).as("disposition: no retry after one attempt")
                    .isEqualTo("EXHAUSTED");
        });
    }

    @Test
    void theAgentsOwnLeadsComeBeforeThePool() {
        String campaign = newCampaign();
        String agent = newAgent();
        String own = newLeadPhone();
        importLeads(campaign, "phone,name,agent,priority,timezone\n" + newLeadPhone() + ",Pool,,100,\n"
                + own + ",Own," + agent + ",0,\n");

        assertThat(dialWhom(startConnectedSession(agent, campaign))).isEqualTo(own);
    }

    @Test
    void aPromisedCallbackIsDialledAtItsTimeWhateverTheAttemptsAndGoesToThePoolAfterTheGrace() throws Exception {
        String campaign = newCampaign();
        String agent = newAgent();
        String away = newAgent();
        String callback = newLeadPhone();
        String orphaned = newLeadPhone();
        String recent = newLeadPhone();
        importLeads(campaign, "phone,name,agent,priority,timezone\n" + callback + ",Promised," + agent + ",1,\n"
                + orphaned + ",Promised by an absent agent," + away + ",1,\n"
                + recent + ",Promised a minute ago by an absent agent," + away + ",1,\n");
        Instant now = Instant.now();
        promiseCallback(callback, now.minus(Duration.ofMinutes(1)));
        promiseCallback(orphaned, now.minus(Duration.ofMinutes(20)));
        promiseCallback(recent, now.minus(Duration.ofMinutes(1)));

        assertThat(dialWhom(startConnectedSession(agent, campaign))).as("at its attempt limit, yet promised")
                .isEqualTo(callback);

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!lead(campaign, orphaned).path("agentId").isMissingNode() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(lead(campaign, orphaned).path("agentId").isMissingNode()).as("handed to the pool").isTrue();
        assertThat(lead(campaign, recent).path("agentId").asText()).as("still within the grace").isEqualTo(away);
        assertThat(dialWhom(startConnectedSession(newAgent(), campaign))).isEqualTo(orphaned);
    }

    /** The lead used its three attempts; its agent promised a call back at {@code at}. */
    private void promiseCallback(String phone, Instant at) {
        jdbc.sql("""
                        update lead set status = 'RETRY', attempts = 3, callback_at = ?, next_attempt_at = ?,
                                        ready = true
                         where phone = ?""")
                .params(timestamp(at), timestamp(at), phone).update();
    }

    @Test
    void aPreviewShowsTheOrderDialWhomGivesOnceTheTableIsDeployed() throws IOException {
        String campaign = newCampaign();
        String agent = newAgent();
        String high = newLeadPhone();
        String middle = newLeadPhone();
        String low = newLeadPhone();
        importLeads(campaign, "phone,name,agent,priority,timezone\n" + high + ",High," + agent + ",9,\n"
                + middle + ",Middle," + agent + ",5,\n" + low + ",Low," + agent + ",1,\n");

        JsonNode deployed = preview(campaign, agent, null);
        assertThat(deployed.path("leads").findValuesAsText("phone")).containsExactly(high, middle, low);
        assertThat(deployed.path("leads").get(0).path("eligible").asBoolean()).isTrue();
        assertThat(deployed.path("leads").get(0).path("rules")).extracting(JsonNode::asText)
                .contains("higher priority first");
        assertThat(deployed.path("summary").path("ready").asInt()).isEqualTo(3);

        String lowestFirst = shippedLeadRules().replace("<text>priority * 10</text>", "<text>priority * -10</text>");
        JsonNode uploaded = preview(campaign, agent, lowestFirst);
        assertThat(uploaded.path("version").asInt()).as("not deployed").isZero();
        assertThat(uploaded.path("leads").findValuesAsText("phone")).containsExactly(low, middle, high);
        assertThat(read(get("/api/leads?campaign=" + campaign)).findValuesAsText("status"))
                .as("nothing reserved").containsOnly("NEW");

        assertThat(previewResponse(campaign, agent, "<definitions>not a table").statusCode()).isEqualTo(400);
        HttpResponse<String> wrongKey = previewResponse(campaign, agent, resource("/continue-dialing.dmn"));
        assertThat(wrongKey.statusCode()).isEqualTo(400);
        assertThat(wrongKey.body()).contains("lead-selection");

        withLeadRules(lowestFirst, () -> {
            JsonNode session = startConnectedSession(agent, campaign);
            List<String> given = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String number = dialWhom(session);
                given.add(number);
                passthru(session, number, "completed", 30);
            }
            assertThat(given).as("the order the preview showed").containsExactly(low, middle, high);
        });
    }

    @Test
    void aTableThatWouldRunCodeIsRefusedByThePreviewAndByTheEngineNamingTheCell() {
        String campaign = newCampaign();
        String agent = newAgent();
        importLeads(campaign, "phone,name,agent,priority,timezone\n" + newLeadPhone() + ",A," + agent + ",5,\n");
        Integer before = leadRules.deployedVersion();
        String runsCode = shippedLeadRules().replace("<text>priority * 10</text>",
                "<text>${''.getClass().getName().length()}</text>");

        HttpResponse<String> previewed = previewResponse(campaign, agent, runsCode);
        assertThat(previewed.statusCode()).as(previewed.body()).isEqualTo(400);
        assertThat(read(previewed).path("message").asText()).contains("lead-score-rule-0-out-0", "calls a method");

        HttpResponse<String> deployed = deployment(runsCode);
        assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(400);
        assertThat(deployed.body()).contains("lead-score-rule-0-out-0", "calls a method");
        assertThat(leadRules.deployedVersion()).as("nothing deployed").isEqualTo(before);
        assertThat(preview(campaign, agent, null).path("leads").get(0).path("eligible").asBoolean())
                .as("the deployed table still decides").isTrue();
    }

    @Test
    void aTableThatBreaksWhatTheDialerReadsIsRefusedByTheEngineNamingWhatIsWrong() {
        Integer before = leadRules.deployedVersion();

        HttpResponse<String> misspelt = deployment(shippedLeadRules()
                .replaceFirst("<text>\"CONTACTED\"</text>", "<text>\"CONTACTD\"</text>"));
        HttpResponse<String> noEligible = deployment(shippedLeadRules()
                .replace("name=\"eligible\"", "name=\"dialable\""));

        assertThat(misspelt.statusCode()).as(misspelt.body()).isEqualTo(400);
        assertThat(misspelt.body()).contains("call-disposition-rule-0-out-0", "CONTACTD");
        assertThat(noEligible.statusCode()).isEqualTo(400);
        assertThat(noEligible.body()).contains("lead-selection", "lacks the output 'eligible'");
        assertThat(leadRules.deployedVersion()).as("nothing deployed").isEqualTo(before);
    }

    private JsonNode preview(String campaign, String agent, String dmn) {
        HttpResponse<String> response = previewResponse(campaign, agent, dmn);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return read(response);
    }

    private HttpResponse<String> previewResponse(String campaign, String agent, String dmn) {
        return post("/api/campaigns/" + campaign + "/rules/preview?agent=" + agent + "&limit=50", "application/xml",
                dmn == null ? "" : dmn);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = SelectionRulesTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
