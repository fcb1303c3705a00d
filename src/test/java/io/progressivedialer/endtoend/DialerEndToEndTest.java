package io.progressivedialer.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import io.progressivedialer.calls.CallRecord;
import io.progressivedialer.calls.CallRecordRepository;
import io.progressivedialer.lead.Agent;
import io.progressivedialer.lead.AgentRepository;
import io.progressivedialer.lead.Campaign;
import io.progressivedialer.lead.CampaignRepository;
import io.progressivedialer.lead.Lead;
import io.progressivedialer.lead.LeadImport;
import io.progressivedialer.lead.LeadRepository;
import io.progressivedialer.lead.LeadStatus;
import io.progressivedialer.session.DialerSession;
import io.progressivedialer.session.SessionService;
import io.progressivedialer.session.SessionStatus;
import java.io.StringReader;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The whole product on a real port: 20 agents and 200 leads, the embedded Exotel stand-in driving every agent
 * through Exotel's flow over HTTP with time scaled down a hundredfold, the job executor running.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:end-to-end;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
        "camunda.bpm.process-engine-name=endToEnd",
        "dialer.demo.enabled=false",
        "dialer.simulator.time-scale=0.01"})
class DialerEndToEndTest {

    static final int AGENTS = 20;
    static final int OWN_LEADS_PER_AGENT = 8;
    static final int POOL_LEADS = 40;

    @Autowired
    CampaignRepository campaigns;
    @Autowired
    AgentRepository agents;
    @Autowired
    LeadImport leadImport;
    @Autowired
    LeadRepository leads;
    @Autowired
    CallRecordRepository calls;
    @Autowired
    SessionService sessions;
    @Autowired
    RuntimeService runtime;

    @Test
    void everyLeadIsDialledExactlyOnceAndEverySessionEndsForItsReason() throws InterruptedException {
        campaigns.save(new Campaign("e2e", "End to end", "+917314853246", "383431", ZoneId.of("Asia/Kolkata"),
                LocalTime.MIDNIGHT, LocalTime.of(23, 59), false));
        StringBuilder csv = new StringBuilder("phone,name,agent,priority,timezone\n");
        for (int a = 0; a < AGENTS; a++) {
            agents.save(new Agent("e2e-agent-" + a, "Agent " + a, "+91991000%04d".formatted(a)));
            for (int l = 0; l < OWN_LEADS_PER_AGENT; l++) {
                csv.append("+9198100%05d,Lead,e2e-agent-%d,%d,\n".formatted(a * 100 + l, a, l % 3));
            }
        }
        for (int p = 0; p < POOL_LEADS; p++) {
            csv.append("+9198200%05d,Pool lead,,1,\n".formatted(p));
        }
        assertThat(leadImport.importCsv("e2e", new StringReader(csv.toString())).imported())
                .isEqualTo(AGENTS * OWN_LEADS_PER_AGENT + POOL_LEADS);

        List<String> sessionIds = new java.util.ArrayList<>();
        for (int a = 0; a < AGENTS; a++) {
            sessionIds.add(sessions.start("e2e-agent-" + a, "e2e").sessionId());
        }
        awaitAllEnded(sessionIds, Duration.ofMinutes(3));

        List<Lead> all = leads.list("e2e", null, 10_000);
        List<CallRecord> records = calls.list(null, null, 10_000);
        Map<Long, Long> callsPerLead = records.stream()
                .collect(Collectors.groupingBy(CallRecord::leadId, Collectors.counting()));
        assertThat(all).hasSize(AGENTS * OWN_LEADS_PER_AGENT + POOL_LEADS);
        assertThat(all).allSatisfy(lead -> assertThat(callsPerLead.get(lead.id()))
                .as("calls to lead %s", lead.phone()).isEqualTo(1L));

        Map<Long, Lead> leadsById = all.stream().collect(Collectors.toMap(Lead::id, Function.identity()));
        assertThat(records).allSatisfy(call -> {
            assertThat(call.outcomeAt()).as("outcome of %s", call.number()).isNotNull();
            assertThat(call.status()).isIn("completed", "busy", "no-answer", "failed");
            Lead lead = leadsById.get(call.leadId());
            assertThat(lead.phone()).isEqualTo(call.number());
            assertThat(lead.lastOutcome()).isEqualTo(call.status());
            if (call.status().equals("completed")) {
                assertThat(call.recordingUrl()).startsWith("https://").contains(call.agentCallSid());
                assertThat(call.countsAsContact()).isTrue();
                assertThat(lead.status()).isEqualTo(LeadStatus.CONTACTED);
            } else {
                assertThat(lead.status()).isEqualTo(LeadStatus.RETRY);
                assertThat(lead.nextAttemptAt()).isNotNull();
            }
        });
        assertThat(records).extracting(CallRecord::status).contains("completed", "busy", "no-answer", "failed");

        List<DialerSession> ended = sessionIds.stream().map(sessions::get).toList();
        assertThat(ended).allSatisfy(session -> {
            assertThat(session.status()).isEqualTo(SessionStatus.ENDED);
            assertThat(session.endReason()).isEqualTo("NO_LEADS");
            assertThat(session.agentCallStatus()).isEqualTo("completed");
        });
        assertThat(ended.stream().mapToInt(DialerSession::callsMade).sum()).isEqualTo(records.size());
        assertThat(ended.stream().filter(s -> s.callsMade() > OWN_LEADS_PER_AGENT)).as("agents who dialled the pool")
                .isNotEmpty();
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("agent-session").count()).isZero();
    }

    private void awaitAllEnded(List<String> sessionIds, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            if (sessionIds.stream().allMatch(id -> sessions.get(id).status() == SessionStatus.ENDED)) {
                return;
            }
            Thread.sleep(250);
        }
    }
}
