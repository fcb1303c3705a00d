package io.progressivedialer.desk;

import static io.progressivedialer.common.Timestamps.timestamp;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.progressivedialer.CrmReceiver;
import io.progressivedialer.PassiveExotelTest;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What the agent's screen, the CRM and the supervisor's wallboard are told as a call goes. */
class AgentDeskTest extends PassiveExotelTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void theAgentSeesTheCustomerTheCallAndItsOutcomeAsTheyHappen() throws Exception {
        String campaign = newCampaign();
        String agent = newAgent();
        String phone = newLeadPhone();
        importLeads(campaign, "phone,name,agent,priority,timezone,city,plan\n" + phone + ",Ravi Kumar," + agent
                + ",5,,Pune,Gold\n");
        JsonNode session = startConnectedSession(agent, campaign);
        BlockingQueue<DeskEvent> events = listenToDesk(agent);

        assertThat(dialWhom(session)).isEqualTo(phone);
        assertThat(nextDeskEvent(events, "state").data().path("agentState").asText()).isEqualTo("DIALLING");
        JsonNode dialling = nextDeskEvent(events, "dialling").data();
        assertThat(dialling.path("lead").path("name").asText()).isEqualTo("Ravi Kumar");
        assertThat(dialling.path("lead").path("number").asText()).isEqualTo(phone);
        assertThat(dialling.path("lead").path("attributes").path("city").asText()).isEqualTo("Pune");
        assertThat(dialling.path("lead").path("attributes").path("plan").asText()).isEqualTo("Gold");
        assertThat(dialling.path("lead").path("attempts").asInt()).isEqualTo(1);

        webhook("/exotel/popup", popup(session, phone, "Dial"));
        assertThat(nextDeskEvent(events, "call").data().path("eventType").asText()).isEqualTo("Dial");
        webhook("/exotel/popup", popup(session, phone, "Answered"));
        assertThat(nextDeskEvent(events, "state").data().path("agentState").asText()).isEqualTo("ON_CALL");
        assertThat(nextDeskEvent(events, "call").data().path("eventType").asText()).isEqualTo("Answered");
        passthru(session, phone, "completed", 42);
        JsonNode outcome = nextDeskEvent(events, "outcome").data();
        assertThat(outcome.path("status").asText()).isEqualTo("completed");
        assertThat(outcome.path("conversationSeconds").asInt()).isEqualTo(42);

        delete("/api/sessions/" + session.path("sessionId").asText());
        assertThat(nextDeskEvent(events, "session").data().path("status").asText()).isEqualTo("STOPPING");
        assertThat(get("/api/agents/nobody/events").statusCode()).isEqualTo(404);
    }

    @Test
    void anAgentHasAtMostThreeScreensTheOldestClosedWhenAFourthOpens() throws Exception {
        String agent = newAgent();
        BlockingQueue<DeskEvent> first = listenToDesk(agent);
        listenToDesk(agent);
        listenToDesk(agent);
        assertThat(first.poll(300, TimeUnit.MILLISECONDS)).as("three screens stay open").isNull();

        listenToDesk(agent);

        DeskEvent closed = first.poll(5, TimeUnit.SECONDS);
        assertThat(closed).isNotNull();
        assertThat(closed.name()).isEqualTo(DESK_CLOSED);
    }

    @Test
    void popupsAndFinishedCallsReachTheCrmEvenWhenItFailsAtFirst() throws Exception {
        String campaign = newCampaign();
        String agent = newAgent();
        String phone = newLeadPhone();
        importLeads(campaign, "phone,name,agent,priority,timezone\n" + phone + ",Meena," + agent + ",1,\n");
        JsonNode session = startConnectedSession(agent, campaign);
        CRM.failNext(2);

        dialWhom(session);
        webhook("/exotel/popup", popup(session, phone, "Answered"));
        passthru(session, phone, "completed", 12);

        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        List<CrmReceiver.Received> forAgent = List.of();
        while (System.nanoTime() < deadline && forAgent.size() < 2) {
            forAgent = CRM.received().stream().filter(r -> r.body().contains("\"" + agent + "\"")).toList();
            Thread.sleep(100);
        }
        assertThat(CRM.failuresServed()).isGreaterThanOrEqualTo(2);
        assertThat(forAgent).extracting(CrmReceiver.Received::event).containsExactly("popup", "call");
        JsonNode popup = json.readTree(forAgent.get(0).body());
        assertThat(popup.path("eventType").asText()).isEqualTo("Answered");
        assertThat(popup.path("lead").path("name").asText()).isEqualTo("Meena");
        JsonNode call = json.readTree(forAgent.get(1).body());
        assertThat(call.path("call").path("status").asText()).isEqualTo("completed");
        assertThat(call.path("call").path("recordingUrl").asText()).startsWith("https://");
        assertThat(read(get("/actuator/metrics/dialer.crm.failures")).path("measurements").get(0).path("value")
                .asDouble()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void statsAndTheCallExportCountTodaysCalls() {
        String campaign = newCampaign();
        String agent = newAgent();
        String answered = newLeadPhone();
        String busy = newLeadPhone();
        importLeads(campaign, "phone,name,agent,priority,timezone\n" + answered + ",A," + agent + ",9,\n"
                + busy + ",B," + agent + ",1,\n");
        JsonNode session = startConnectedSession(agent, campaign);
        passthru(session, dialWhom(session), "completed", 60);
        passthru(session, dialWhom(session), "busy", 0);

        JsonNode stats = read(get("/api/stats"));
        JsonNode agentStats = stats.path("agents").findParents("agentId").stream()
                .filter(a -> a.path("agentId").asText().equals(agent)).findFirst().orElseThrow();
        assertThat(agentStats.path("state").asText()).as("the agent's state: the second customer was dialled")
                .isEqualTo("DIALLING");
        assertThat(agentStats.path("since").isMissingNode()).isFalse();
        assertThat(agentStats.path("calls").asInt()).isEqualTo(2);
        assertThat(agentStats.path("contacts").asInt()).isEqualTo(1);
        assertThat(agentStats.path("talkSeconds").asInt()).isEqualTo(60);
        JsonNode campaignStats = stats.path("campaigns").findParents("campaignId").stream()
                .filter(c -> c.path("campaignId").asText().equals(campaign)).findFirst().orElseThrow();
        assertThat(campaignStats.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(campaignStats.path("leadsByStatus").path("CONTACTED").asInt()).isEqualTo(1);
        assertThat(campaignStats.path("leadsByStatus").path("RETRY").asInt()).isEqualTo(1);
        assertThat(campaignStats.path("dialledToday").asInt()).isEqualTo(2);
        assertThat(campaignStats.path("connectRate").asDouble()).isEqualTo(0.5);

        HttpResponse<String> csv = get("/api/calls.csv?session=" + session.path("sessionId").asText());
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).startsWith("id,session,agent,campaign,lead,number,status,callType");
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).contains(agent, campaign, answered, "completed", "CONTACTED");
        assertThat(lines.get(2)).contains(busy, "busy", "RETRY");

        // the floor finds calls by agent, campaign and date range, the latest first, and corrects an outcome
        List<String> latestFirst = get("/api/calls.csv?campaign=" + campaign + "&newestFirst=true").body().lines()
                .toList();
        assertThat(latestFirst.get(1)).contains(busy);
        JsonNode ofAgent = read(get("/api/calls?agent=" + agent + "&campaign=" + campaign + "&from="
                + Instant.now().minusSeconds(3600) + "&until=" + Instant.now().plusSeconds(60)));
        assertThat(ofAgent).hasSize(2);
        assertThat(ofAgent.get(0).path("agentId").asText()).isEqualTo(agent);
        assertThat(ofAgent.get(0).path("campaignId").asText()).isEqualTo(campaign);
        assertThat(read(get("/api/calls?campaign=" + campaign + "&from=" + Instant.now().plusSeconds(60)))).isEmpty();
        assertThat(get("/api/calls?from=" + Instant.now() + "&until=" + Instant.now().minusSeconds(1)).statusCode())
                .isEqualTo(400);
        long answeredCall = ofAgent.get(0).path("id").asLong();
        HttpResponse<String> corrected = sendAsIs(java.net.http.HttpRequest.newBuilder(
                        uri("/api/calls/" + answeredCall + "/disposition"))
                .header("Authorization", basic("supervisor", "supervisor")).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"outcome\":\"NOT_INTERESTED\",\"notes\":\"corrected by the floor\"}")).build());
        assertThat(corrected.statusCode()).as(corrected.body()).isEqualTo(200);
        assertThat(read(corrected).path("agentOutcome").asText()).isEqualTo("NOT_INTERESTED");
    }

    @Test
    void theWallboardsTodayIsTheCampaignsDayNotTheServers() {
        // a zone whose midnight fell between the server's (UTC) midnight and now
        Instant now = Instant.now();
        long sinceUtcMidnight = Duration.between(now.truncatedTo(ChronoUnit.DAYS), now).toMinutes();
        ZoneOffset zone = ZoneOffset.ofTotalSeconds((int) -(sinceUtcMidnight / 2) * 60);
        Instant campaignMidnight = LocalDate.ofInstant(now, zone).atStartOfDay(zone).toInstant();
        String campaign = "campaign-day-" + System.nanoTime();
        assertThat(postJson("/api/campaigns", Map.of("id", campaign, "name", "Its own day", "callerId", "07314853246",
                "flowAppId", "383431", "timezone", zone.getId(), "callWindowStart", "00:00", "callWindowEnd", "00:00"))
                .statusCode()).isEqualTo(200);
        String agent = newAgent();
        String yesterday = newLeadPhone();
        String today = newLeadPhone();
        importLeads(campaign, "phone,name,agent,priority,timezone\n" + yesterday + ",A," + agent + ",5,\n" + today
                + ",B," + agent + ",1,\n");
        JsonNode session = startConnectedSession(agent, campaign);
        passthru(session, dialWhom(session), "completed", 60);
        passthru(session, dialWhom(session), "completed", 60);
        jdbc.sql("update call_record set dialled_at = ? where number = ?")
                .params(timestamp(campaignMidnight.minusSeconds(30)), yesterday).update();

        JsonNode campaignStats = read(get("/api/stats")).path("campaigns").findParents("campaignId").stream()
                .filter(c -> c.path("campaignId").asText().equals(campaign)).findFirst().orElseThrow();
        assertThat(campaignStats.path("dialledToday").asInt()).as("dialled before the campaign's midnight: yesterday")
                .isEqualTo(1);
        assertThat(campaignStats.path("dayStartedAt").asText()).isEqualTo(campaignMidnight.toString());
    }

    @Test
    void nothingIsWrittenForADeskNobodyWatches() throws Exception {
        String campaign = newCampaign();
        String agent = newAgent();
        String first = newLeadPhone();
        String second = newLeadPhone();
        importLeads(campaign, "phone,name,agent,priority,timezone\n" + first + ",A," + agent + ",5,\n" + second
                + ",B," + agent + ",1,\n");
        JsonNode session = startConnectedSession(agent, campaign);
        passthru(session, dialWhom(session), "completed", 30);
        assertThat(deskEventsOf(agent)).as("no screen open: no event written").isZero();

        BlockingQueue<DeskEvent> events = listenToDesk(agent);
        assertThat(dialWhom(session)).isEqualTo(second);
        assertThat(deskEventsOf(agent)).as("a screen open: its events written").isPositive();
        DeskEvent event = events.poll(5, TimeUnit.SECONDS);
        while (event != null && !event.name().equals("dialling")) {
            event = events.poll(5, TimeUnit.SECONDS);
        }
        assertThat(event).as("the card of the customer dialled").isNotNull();
        assertThat(event.data().path("lead").path("number").asText()).isEqualTo(second);
    }

    private int deskEventsOf(String agent) {
        return jdbc.sql("select count(*) from desk_event where agent_id = ?").param(agent).query(Integer.class).single();
    }
}
