package io.progressivedialer.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.progressivedialer.PassiveExotelTest;
import io.progressivedialer.exotel.ConnectSettings;
import io.progressivedialer.campaigns.Campaign;
import io.progressivedialer.simulator.StandInCalls;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * A shift outlasts Exotel's time limit on a line (here 12 s, for a campaign whose calls take at most 2 s of ringing and
 * 3 s of conversation, with a second to spare): the session ends the line between calls, before it would be too short
 * for another call, and connects the agent again; a line Exotel cut at its limit anyway is renewed too; an agent who
 * hangs up ends the session. One process instance throughout.
 */
@DirtiesContext
@TestPropertySource(properties = {
        "spring.datasource.url=jdbc:h2:mem:line-renewal;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
        "camunda.bpm.process-engine-name=lineRenewal",
        "dialer.exotel.time-limit=PT12S",
        "dialer.session.line-renewal-margin=PT1S"})
class AgentLineRenewalTest extends PassiveExotelTest {

    private static final Duration TIME_LIMIT = Duration.ofSeconds(12);

    @Autowired
    StandInCalls standIn;

    @Test
    void aShiftLongerThanExotelsTimeLimitRenewsTheLineBetweenCallsInOneProcessInstance() {
        String campaign = newCampaign();
        Campaign saved = campaignRepository.find(campaign).orElseThrow();
        campaignRepository.save(new Campaign(saved.id(), saved.name(), saved.callerId(), saved.flowAppId(),
                saved.timezone(), saved.callWindowStart(), saved.callWindowEnd(), false, 0, saved.status(),
                new ConnectSettings(2, 3, true, "dual", null, null)));
        String agent = newAgent();
        List<String> leads = List.of(newLeadPhone(), newLeadPhone(), newLeadPhone());
        importLeads(campaign, "phone,name,agent,priority,timezone\n" + leads.get(0) + ",A," + agent + ",3,\n"
                + leads.get(1) + ",B," + agent + ",2,\n" + leads.get(2) + ",C," + agent + ",1,\n");
        String agentPhone = read(get("/api/agents/" + agent)).path("phone").asText();

        JsonNode session = startConnectedSession(agent, campaign);
        Instant firstLine = Instant.now();
        String sessionId = session.path("sessionId").asText();
        ProcessInstance process = processInstance(session);
        assertThat(dialWhom(session)).isEqualTo(leads.get(0));
        passthru(session, leads.get(0), "completed", 2);
        assertThat(askWhetherReady(session, null).statusCode()).isEqualTo(200);

        // 6 s into a 12-s line, another call (2 + 3 + 1 s) would not fit: the line ends here, between calls
        sleepUntil(firstLine.plusSeconds(7));
        assertThat(dialWhom(session)).as("no number: the line ends").isNull();
        assertThat(session(sessionId).path("agentState").asText()).isEqualTo("RENEWING_LINE");
        assertThat(agentCallEnded(session, "completed").statusCode()).isEqualTo(200);
        assertThat(process).isWaitingAt("ConnectAgentToFlow");
        runJobs(process.getId());

        JsonNode secondLine = session(sessionId);
        Instant secondLineAt = Instant.now();
        assertThat(secondLine.path("agentCallSid").asText()).isNotEqualTo(session.path("agentCallSid").asText());
        assertThat(secondLine.path("lineRenewals").asInt()).isEqualTo(1);
        assertThat(agentCallEnded(session, "completed").statusCode()).as("the first line's callback again").isEqualTo(200);
        assertThat(session(sessionId).path("status").asText()).isEqualTo("ACTIVE");
        assertThat(dialWhom(secondLine)).isEqualTo(leads.get(1));
        passthru(secondLine, leads.get(1), "completed", 3);
        assertThat(askWhetherReady(secondLine, null).statusCode()).isEqualTo(200);

        // the agent sits in a long pause on the phone past the limit: Exotel cuts the line; the session goes on
        sleepUntil(secondLineAt.plus(TIME_LIMIT));
        assertThat(agentCallEnded(secondLine, "completed").statusCode()).isEqualTo(200);
        runJobs(process.getId());
        JsonNode thirdLine = session(sessionId);
        assertThat(thirdLine.path("lineRenewals").asInt()).isEqualTo(2);
        assertThat(dialWhom(thirdLine)).isEqualTo(leads.get(2));
        passthru(thirdLine, leads.get(2), "completed", 3);

        // the agent hangs up: the session ends as ever
        agentCallEnded(thirdLine, "completed");
        assertThat(process).isEnded().hasPassed("EndedAgentHungUp");
        assertThat(session(sessionId).path("endReason").asText()).isEqualTo("AGENT_HUNG_UP");
        List<String> lines = standIn.callsTo(agentPhone);
        assertThat(lines).hasSize(3).allSatisfy(sid -> assertThat(standIn.timeLimitOf(sid)).isEqualTo(12));
        assertThat(calls(sessionId)).hasSize(3).allSatisfy(call ->
                assertThat(call.path("status").asText()).isEqualTo("completed"));
    }

    private static void sleepUntil(Instant moment) {
        long millis = Duration.between(Instant.now(), moment).toMillis();
        if (millis > 0) {
            sleep(millis);
        }
    }
}
