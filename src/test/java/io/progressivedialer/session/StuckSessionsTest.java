package io.progressivedialer.session;

import io.progressivedialer.lead.Lead;
import static org.assertj.core.api.Assertions.assertThat;
import static io.progressivedialer.common.Timestamps.timestamp;

import com.fasterxml.jackson.databind.JsonNode;
import io.progressivedialer.PassiveExotelTest;
import io.progressivedialer.simulator.StandInCalls;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** No session is stuck forever: a connect that never succeeded, or a process cancelled in Cockpit, frees the agent. */
class StuckSessionsTest extends PassiveExotelTest {

    @Autowired
    StuckSessions stuckSessions;
    @Autowired
    StandInCalls standIn;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aConnectThatNeverSucceedsEndsTheSessionAndFreesTheAgent() {
        String campaign = newCampaign();
        String agent = newAgent();
        importLeads(campaign, "phone,name,agent,priority,timezone\n" + newLeadPhone() + ",Lead," + agent + ",1,\n");
        campaignRepository.addAgent(campaign, agent);
        standIn.refuseNextConnects(3 * 4, 429); // each of the job's 3 attempts tries Exotel 4 times
        HttpResponse<String> started = postJson("/api/sessions", Map.of("agentId", agent, "campaignId", campaign));
        String sessionId = read(started).path("sessionId").asText();
        String processInstanceId = read(started).path("processInstanceId").asText();
        for (int attempt = 0; attempt < 3; attempt++) {
            runJobsIgnoringFailures(processInstanceId);
        }
        assertThat(runtime.createIncidentQuery().processInstanceId(processInstanceId).count()).isOne();
        assertThat(postJson("/api/sessions", Map.of("agentId", agent, "campaignId", campaign)).statusCode())
                .as("stuck: the agent cannot start again").isEqualTo(409);

        jdbc.sql("update dialer_session set started_at = ? where id = ?")
                .params(timestamp(Instant.now().minus(Duration.ofMinutes(3))), sessionId).update();
        stuckSessions.sweep();

        JsonNode ended = session(sessionId);
        assertThat(ended.path("status").asText()).isEqualTo("ENDED");
        assertThat(ended.path("endReason").asText()).isEqualTo("CONNECT_TIMED_OUT");
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).count()).isZero();
        assertThat(postJson("/api/sessions", Map.of("agentId", agent, "campaignId", campaign)).statusCode())
                .isEqualTo(201);
    }

    @Test
    void aSessionWhoseProcessWasCancelledInCockpitEndsAndReleasesItsLead() {
        String campaign = newCampaign();
        String agent = newAgent();
        String phone = newLeadPhone();
        importLeads(campaign, "phone,name,agent,priority,timezone\n" + phone + ",Lead," + agent + ",1,\n");
        JsonNode session = startConnectedSession(agent, campaign);
        assertThat(dialWhom(session)).isEqualTo(phone);

        // Cockpit's "cancel", skipping the listeners that would close the session
        runtime.deleteProcessInstance(session.path("processInstanceId").asText(), "cancelled in Cockpit", true);
        stuckSessions.sweep();

        assertThat(session(session.path("sessionId").asText()).path("endReason").asText()).isEqualTo("PROCESS_GONE");
        JsonNode lead = read(get("/api/leads?campaign=" + campaign)).get(0);
        assertThat(lead.path("status").asText()).isEqualTo("RETRY");
        assertThat(lead.path("reservedBy").isMissingNode()).isTrue();
        JsonNode again = startConnectedSession(agent, campaign);
        assertThat(dialWhom(again)).as("the released lead is dialled again").isEqualTo(phone);
    }

    private void runJobsIgnoringFailures(String processInstanceId) {
        management.createJobQuery().processInstanceId(processInstanceId).list().forEach(job -> {
            try {
                management.executeJob(job.getId());
            } catch (RuntimeException failed) {
                // Exotel refused: the engine counts a retry down, as its job executor would
            }
        });
    }
}
