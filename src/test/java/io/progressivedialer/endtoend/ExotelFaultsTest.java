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
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The stand-in delivers popups, Passthrus and StatusCallbacks as a bad day at Exotel would: a fifth of them
 * twice, a fifth late behind later ones, a tenth never. Every lead is still dialled once and counted once,
 * every call gets an outcome (reconciled as missing when its Passthru was lost), no session and no lead is
 * left hanging.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:exotel-faults;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
        "camunda.bpm.process-engine-name=exotelFaults",
        "dialer.demo.enabled=false",
        "dialer.simulator.time-scale=0.01",
        "dialer.simulator.duplicate-percent=20",
        "dialer.simulator.delay-percent=20",
        "dialer.simulator.drop-percent=10",
        "dialer.session.idle-timeout=PT2S",
        "dialer.session.outcome-timeout=PT2S",
        "dialer.session.message-patience=PT1S"})
class ExotelFaultsTest {

    static final int AGENTS = 10;
    static final int LEADS_PER_AGENT = 10;

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
    void duplicatedLateAndLostWebhooksNeitherDoubleNorStrandACall() throws InterruptedException {
        campaigns.save(new Campaign("faults", "Faults", "+917314853246", "383431", ZoneId.of("Asia/Kolkata"),
                LocalTime.MIDNIGHT, LocalTime.of(23, 59), false));
        StringBuilder csv = new StringBuilder("phone,name,agent,priority,timezone\n");
        for (int a = 0; a < AGENTS; a++) {
            agents.save(new Agent("faults-" + a, "Agent " + a, "+91992000%04d".formatted(a)));
            for (int l = 0; l < LEADS_PER_AGENT; l++) {
                csv.append("+9198300%05d,Lead,faults-%d,1,\n".formatted(a * 100 + l, a));
            }
        }
        leadImport.importCsv("faults", new StringReader(csv.toString()));
        List<String> sessionIds = new ArrayList<>();
        for (int a = 0; a < AGENTS; a++) {
            sessionIds.add(sessions.start("faults-" + a, "faults").sessionId());
        }

        for (int wait = 0; wait < 1200 && !sessionIds.stream()
                .allMatch(id -> sessions.get(id).status() == SessionStatus.ENDED); wait++) {
            Thread.sleep(100);
        }

        List<DialerSession> ended = sessionIds.stream().map(sessions::get).toList();
        assertThat(ended).allSatisfy(session -> assertThat(session.status()).isEqualTo(SessionStatus.ENDED));
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("agent-session").count()).isZero();
        List<Lead> all = leads.list("faults", null, 10_000);
        List<CallRecord> records = calls.list(null, null, 10_000);
        Map<Long, Long> callsPerLead = records.stream()
                .collect(Collectors.groupingBy(CallRecord::leadId, Collectors.counting()));
        assertThat(all).hasSize(AGENTS * LEADS_PER_AGENT).allSatisfy(lead -> {
            assertThat(callsPerLead.get(lead.id())).as("calls to %s", lead.phone()).isEqualTo(1L);
            assertThat(lead.attempts()).as("attempts of %s", lead.phone()).isEqualTo(1);
            assertThat(lead.status()).isNotIn(LeadStatus.DIALLING, LeadStatus.NEW);
            assertThat(lead.reservedBy()).isNull();
        });
        assertThat(records).allSatisfy(call -> assertThat(call.outcomeAt()).as(call.number()).isNotNull());
        assertThat(ended.stream().mapToInt(DialerSession::callsMade).sum()).isEqualTo(records.size());
    }
}
