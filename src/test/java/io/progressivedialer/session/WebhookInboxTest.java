package io.progressivedialer.session;

import io.progressivedialer.lead.Lead;
import static org.assertj.core.api.Assertions.assertThat;
import static io.progressivedialer.common.Timestamps.timestamp;

import com.fasterxml.jackson.databind.JsonNode;
import io.progressivedialer.PassiveExotelTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Every usable webhook is stored before it is acted on: duplicates change nothing, early ones wait, none is lost. */
public class WebhookInboxTest extends PassiveExotelTest {

    @Autowired
    WebhookInbox inbox;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aStatusCallbackBeforeTheSessionCanTakeItWaitsInTheInboxAndIsAppliedLater() throws InterruptedException {
        String campaign = newCampaign();
        String agent = newAgent();
        HttpResponse<String> started = postJson("/api/sessions", Map.of("agentId", agent, "campaignId", campaign));
        JsonNode session = read(started);
        int pendingBefore = inbox.count("status", WebhookInbox.State.PENDING);

        HttpResponse<String> early = postForm("/exotel/status?key=" + encode(exotel.webhookKey()), Map.of(
                "CallSid", "notyetknown0000000000000000000001", "Status", "completed",
                "CustomField", session.path("sessionId").asText()));

        assertThat(early.statusCode()).isEqualTo(200);
        assertThat(read(early).path("status").asText()).isEqualTo("pending");
        assertThat(inbox.count("status", WebhookInbox.State.PENDING)).isEqualTo(pendingBefore + 1);

        runJobs(session.path("processInstanceId").asText());
        String status = "";
        for (int i = 0; i < 100 && !status.equals("ENDED"); i++) {
            Thread.sleep(100);
            status = session(session.path("sessionId").asText()).path("status").asText();
        }
        assertThat(status).isEqualTo("ENDED");
        assertThat(session(session.path("sessionId").asText()).path("endReason").asText()).isEqualTo("AGENT_HUNG_UP");
        assertThat(inbox.count("status", WebhookInbox.State.PENDING)).isEqualTo(pendingBefore);
    }

    @Test
    void aRepeatedPopupIsStoredOnceAndAppliedOnce() {
        JsonNode session = sessionThatDialledItsLead();
        String phone = dialWhomNumberOf(session);
        Map<String, String> popup = Map.of("CallSid", session.path("agentCallSid").asText(),
                "DialWhomNumber", "0" + phone.substring(3), "EventType", "Answered", "Status", "busy");
        int appliedBefore = inbox.count("popup", WebhookInbox.State.APPLIED);

        assertThat(read(webhook("/exotel/popup", popup)).path("status").asText()).isEqualTo("recorded");
        assertThat(read(webhook("/exotel/popup", popup)).path("status").asText()).isEqualTo("duplicate");

        assertThat(inbox.count("popup", WebhookInbox.State.APPLIED)).isEqualTo(appliedBefore + 1);
        assertThat(calls(session.path("sessionId").asText()).get(0).path("status").asText()).isEqualTo("answered");
    }

    @Test
    void aWebhookStoredByAProcessThatDiedBeforeApplyingItIsAppliedLater() throws InterruptedException {
        JsonNode session = sessionThatDialledItsLead();
        String sessionId = session.path("sessionId").asText();
        long callId = calls(sessionId).get(0).path("id").asLong();

        // stored, then the process died: nobody applies it and nobody marks it pending (as an earlier version,
        // which stored a webhook before applying it, could leave it)
        inbox.receive("popup", "popup:" + callId + ":Answered", sessionId, new SessionWebhooks.Delivery(
                SessionWebhooks.CUSTOMER_CALL_EVENT, Map.of(SessionVariables.CALL_RECORD_ID, callId,
                        SessionVariables.EVENT_TYPE, "Answered")), WebhookInbox.State.RECEIVED);

        String status = "";
        for (int i = 0; i < 100 && !status.equals("answered"); i++) {
            Thread.sleep(100);
            status = calls(sessionId).get(0).path("status").asText();
        }
        assertThat(status).isEqualTo("answered");
    }

    /** A session with one lead, which Exotel has been told to dial. */
    private JsonNode sessionThatDialledItsLead() {
        String campaign = newCampaign();
        String agent = newAgent();
        importLeads(campaign, "phone,name,agent,priority,timezone\n" + newLeadPhone() + ",Lead," + agent + ",1,\n");
        JsonNode session = startConnectedSession(agent, campaign);
        assertThat(dialWhom(session)).isNotNull();
        return session;
    }

    private String dialWhomNumberOf(JsonNode session) {
        return calls(session.path("sessionId").asText()).get(0).path("number").asText();
    }

    @Test
    void aWebhookForNoKnownSessionIsKeptForInspection() {
        int unmatchedBefore = inbox.count("passthru", WebhookInbox.State.UNMATCHED);

        HttpResponse<String> answer = webhook("/exotel/passthru", Map.of("CallSid", "0e50bc001da69c238b55b56a0a1c999e",
                "DialCallStatus", "completed", "DialWhomNumber", "07995679243"));

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(inbox.count("passthru", WebhookInbox.State.UNMATCHED)).isEqualTo(unmatchedBefore + 1);
    }

    @Test
    void unmatchedWebhooksAreKeptUpToTheHourlyCapAndCountedBeyondIt() {
        int keptThisHour = jdbc.sql("select count(*) from webhook_inbox where state = 'UNMATCHED' and received_at > ?")
                .param(timestamp(Instant.now().minus(Duration.ofMinutes(59)))).query(Integer.class).single();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        WebhookInbox capped = new WebhookInbox(jdbc, json, Clock.systemUTC(), meters, keptThisHour + 2);
        int unmatchedBefore = inbox.count("flood", WebhookInbox.State.UNMATCHED);

        for (int i = 0; i < 5; i++) {
            capped.keepUnmatched("flood", Map.of("CallSid", "flood" + i), "no session for CallSid flood" + i);
        }

        assertThat(inbox.count("flood", WebhookInbox.State.UNMATCHED)).isEqualTo(unmatchedBefore + 2);
        assertThat(meters.counter("dialer.inbox.unmatched.dropped").count()).isEqualTo(3);
    }
}
