package io.progressivedialer.session;

import static org.assertj.core.api.Assertions.assertThat;
import static io.progressivedialer.common.Timestamps.timestamp;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.progressivedialer.PassiveExotelTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The agent's shift through the real BPMN: after-call work ended by its timer, the desk's Ready or a 1 on the phone;
 * pause and resume, and a pause too long; waiting on the line for a lead that falls due; a campaign paused, resumed
 * and stopped; who may dial which campaign. Exotel's Passthru "ready?" is answered 200 (on to the next customer) or
 * 302 (to the Gather applet).
 */
class AgentShiftProcessTest extends PassiveExotelTest {

    @Autowired
    JdbcClient jdbc;

    private String campaign;
    private String agent;

    /** A campaign with {@code wrapUpSeconds} of after-call work, two leads for a new agent, and their session. */
    private JsonNode sessionWithWrapUp(int wrapUpSeconds) {
        campaign = "shift-" + System.nanoTime();
        assertThat(postJson("/api/campaigns", Map.of("id", campaign, "name", "Shift", "callerId", "07314853246",
                "flowAppId", "383431", "callWindowStart", "00:00", "callWindowEnd", "00:00",
                "wrapUpSeconds", wrapUpSeconds)).statusCode()).isEqualTo(200);
        agent = newAgent();
        importLeads(campaign, "phone,name,agent,priority,timezone\n" + newLeadPhone() + ",First," + agent + ",9,\n"
                + newLeadPhone() + ",Second," + agent + ",1,\n");
        return startConnectedSession(agent, campaign);
    }

    /** The first customer is dialled and the call ends with {@code status}. */
    private String firstCall(JsonNode session, String status) {
        String number = dialWhom(session);
        passthru(session, number, status, status.equals("completed") ? 40 : 0);
        return number;
    }

    private String agentState(JsonNode session) {
        return session(session.path("sessionId").asText()).path("agentState").asText();
    }

    private static void assertNotReady(HttpResponse<String> answer, String state) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(302);
        assertThat(answer.body()).contains(state);
    }

    private static void assertReady(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    @Test
    void afterCallWorkEndsWhenItsTimeIsUp() {
        JsonNode session = sessionWithWrapUp(30);
        ProcessInstance process = processInstance(session);
        firstCall(session, "completed");

        assertNotReady(askWhetherReady(session, null), "WRAP_UP");
        assertThat(process).isWaitingAt("AfterCallWork");
        assertThat(agentState(session)).isEqualTo("WRAP_UP");
        assertNotReady(askWhetherReady(session, ""), "WRAP_UP");

        fireTimer(process.getId(), "WrapUpTimeOver");

        assertReady(askWhetherReady(session, ""));
        assertThat(agentState(session)).isEqualTo("READY");
        assertThat(dialWhom(session)).isNotNull();
        assertThat(agentState(session)).isEqualTo("DIALLING");
    }

    @Test
    void afterCallWorkEndsWhenTheAgentPressesReadyOnTheDesk() {
        JsonNode session = sessionWithWrapUp(300);
        firstCall(session, "busy");
        assertNotReady(askWhetherReady(session, null), "WRAP_UP");

        HttpResponse<String> ready = post("/api/sessions/" + session.path("sessionId").asText() + "/ready",
                "application/json", "");

        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        assertThat(read(ready).path("agentState").asText()).isEqualTo("READY");
        assertThat(processInstance(session)).hasPassed("ReadyAfterCallWork");
        assertReady(askWhetherReady(session, ""));
    }

    @Test
    void afterCallWorkEndsWhenTheAgentPressesOneOnThePhone() {
        JsonNode session = sessionWithWrapUp(300);
        firstCall(session, "completed");
        assertNotReady(askWhetherReady(session, null), "WRAP_UP");
        assertNotReady(askWhetherReady(session, ""), "WRAP_UP");

        assertReady(askWhetherReady(session, "1"));

        assertThat(processInstance(session)).hasPassed("ReadyAfterCallWork");
    }

    @Test
    void withoutAfterCallWorkTheNextCustomerFollowsAtOnce() {
        JsonNode session = sessionWithWrapUp(0);
        firstCall(session, "completed");

        assertReady(askWhetherReady(session, null));
        assertThat(dialWhom(session)).isNotNull();
    }

    @Test
    void aPauseBeginsAfterTheCurrentCallAndReadyEndsIt() {
        JsonNode session = sessionWithWrapUp(0);
        String sessionId = session.path("sessionId").asText();
        dialWhom(session);
        assertThat(postJson("/api/sessions/" + sessionId + "/pause", Map.of("reason", "tea")).statusCode())
                .as("not one of dialer.pause.reasons").isEqualTo(400);
        assertThat(postJson("/api/sessions/" + sessionId + "/pause", Map.of("reason", "lunch")).statusCode())
                .isEqualTo(200);
        assertThat(agentState(session)).as("still on the call").isEqualTo("DIALLING");
        String deskPath = "/api/agents/" + session.path("agentId").asText() + "/desk";
        assertThat(read(get(deskPath)).path("pauseAfterCall").asText()).as("a reloaded desk shows the pause to come")
                .isEqualTo("lunch");

        passthru(session, read(get("/api/calls?session=" + sessionId)).get(0).path("number").asText(), "completed", 30);
        assertNotReady(askWhetherReady(session, null), "PAUSED");
        JsonNode paused = session(sessionId);
        assertThat(paused.path("agentState").asText()).isEqualTo("PAUSED");
        assertThat(paused.path("pauseReason").asText()).isEqualTo("lunch");
        assertThat(read(get(deskPath)).path("pauseAfterCall").isMissingNode()).as("begun, no longer to come").isTrue();
        assertThat(processInstance(session)).isWaitingAt("Paused");
        assertNotReady(askWhetherReady(session, ""), "PAUSED");

        assertThat(post("/api/sessions/" + sessionId + "/ready", "application/json", "").statusCode()).isEqualTo(200);

        assertReady(askWhetherReady(session, ""));
        assertThat(dialWhom(session)).isNotNull();
    }

    @Test
    void readyDuringTheCallTakesBackThePauseAskedFor() {
        JsonNode session = sessionWithWrapUp(0);
        String sessionId = session.path("sessionId").asText();
        dialWhom(session);
        postJson("/api/sessions/" + sessionId + "/pause", Map.of("reason", "break"));
        assertThat(post("/api/sessions/" + sessionId + "/ready", "application/json", "").statusCode()).isEqualTo(200);
        assertThat(read(get("/api/agents/" + session.path("agentId").asText() + "/desk")).path("pauseAfterCall")
                .isMissingNode()).as("taken back").isTrue();

        passthru(session, read(get("/api/calls?session=" + sessionId)).get(0).path("number").asText(), "completed", 30);
        assertReady(askWhetherReady(session, null));
        assertThat(dialWhom(session)).isNotNull();
    }

    @Test
    void aPauseTooLongWindsTheSessionDown() {
        JsonNode session = sessionWithWrapUp(0);
        String sessionId = session.path("sessionId").asText();
        firstCall(session, "completed");
        postJson("/api/sessions/" + sessionId + "/pause", Map.of("reason", "break"));
        assertNotReady(askWhetherReady(session, null), "PAUSED");

        fireTimer(processInstance(session).getId(), "PausedTooLong");

        assertThat(session(sessionId).path("status").asText()).isEqualTo("STOPPING");
        assertReady(askWhetherReady(session, ""));
        assertThat(dialWhom(session)).as("no further customer").isNull();
        ProcessInstance process = processInstance(session);
        agentCallEnded(session, "completed");
        assertThat(process).isEnded().hasPassed("EndedPausedTooLong");
        assertThat(session(sessionId).path("endReason").asText()).isEqualTo("PAUSED_TOO_LONG");
    }

    @Test
    void withNoLeadDueNowTheAgentWaitsOnTheLineForOneThatFallsDueSoon() {
        JsonNode session = sessionWithWrapUp(0);
        firstCall(session, "busy");
        String second = read(get("/api/leads?campaign=" + campaign)).findParents("phone").stream()
                .filter(lead -> lead.path("status").asText().equals("NEW")).findFirst().orElseThrow()
                .path("phone").asText();
        dueAt(second, Instant.now().plus(Duration.ofMinutes(2)));

        assertNotReady(askWhetherReady(session, null), "WAITING");
        assertThat(processInstance(session)).isWaitingAt("WaitingForLead");
        assertNotReady(askWhetherReady(session, "1"), "WAITING");

        dueAt(second, Instant.now().minusSeconds(1));
        leadRepository.releaseDue(Instant.now());
        fireTimer(processInstance(session).getId(), "LeadMayBeDue");

        assertReady(askWhetherReady(session, ""));
        assertThat(dialWhom(session)).isEqualTo(second);
    }

    private void dueAt(String phone, Instant at) {
        jdbc.sql("update lead set next_attempt_at = ?, ready = false where phone = ?")
                .params(timestamp(at), phone).update();
    }

    @Test
    void aPausedCampaignHoldsItsAgentsAfterTheirCallAndResumingCarriesOn() {
        JsonNode session = sessionWithWrapUp(0);
        firstCall(session, "completed");
        assertThat(post("/api/campaigns/" + campaign + "/pause", "application/json", "").statusCode()).isEqualTo(200);

        assertNotReady(askWhetherReady(session, null), "PAUSED");
        assertThat(session(session.path("sessionId").asText()).path("pauseReason").asText())
                .isEqualTo("campaign paused");

        assertThat(post("/api/campaigns/" + campaign + "/resume", "application/json", "").statusCode()).isEqualTo(200);
        fireTimer(processInstance(session).getId(), "PauseRecheck");

        assertReady(askWhetherReady(session, ""));
        assertThat(dialWhom(session)).isNotNull();
    }

    @Test
    void aStoppedCampaignWindsItsSessionsDown() {
        JsonNode session = sessionWithWrapUp(0);
        firstCall(session, "completed");
        HttpResponse<String> stopped = post("/api/campaigns/" + campaign + "/stop", "application/json", "");
        assertThat(stopped.statusCode()).isEqualTo(200);
        assertThat(read(stopped).path("status").asText()).isEqualTo("STOPPED");
        assertThat(post("/api/campaigns/" + campaign + "/resume", "application/json", "").statusCode())
                .as("a stopped campaign stays stopped").isEqualTo(409);

        assertReady(askWhetherReady(session, null));
        assertThat(dialWhom(session)).isNull();
        agentCallEnded(session, "completed");
        assertThat(session(session.path("sessionId").asText()).path("endReason").asText()).isEqualTo("STOP_REQUESTED");
        assertThat(postJson("/api/sessions", Map.of("agentId", agent, "campaignId", campaign)).statusCode())
                .as("no new session for a stopped campaign").isEqualTo(409);
    }

    @Test
    void onlyTheCampaignsAgentsMayDialIt() {
        String members = newCampaign();
        String outsider = newAgent();
        String member = newAgent();
        HttpResponse<String> set = put("/api/campaigns/" + members + "/agents", List.of(member));
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        assertThat(set.body()).isEqualTo("[\"" + member + "\"]");
        assertThat(put("/api/campaigns/" + members + "/agents", List.of("ghost")).statusCode()).isEqualTo(400);

        HttpResponse<String> refused = postJson("/api/sessions", Map.of("agentId", outsider, "campaignId", members));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("not-a-member");
        assertThat(postJson("/api/sessions", Map.of("agentId", member, "campaignId", members)).statusCode())
                .isEqualTo(201);
    }
}
