package io.progressivedialer.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import io.progressivedialer.calls.CallRecord;
import io.progressivedialer.lead.Lead;
import io.progressivedialer.lead.LeadStatus;
import io.progressivedialer.session.DialerSession;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;



/**
 * The whole product on a real port: 20 agents and 200 leads, the embedded Exotel stand-in driving every agent
 * through Exotel's flow over HTTP with time scaled down a hundredfold, the job executor running.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:end-to-end;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
        "camunda.bpm.process-engine-name=endToEnd",
        "dialer.demo.enabled=false",
        "dialer.exotel.calls-per-minute=100000",
        "dialer.simulator.time-scale=0.01"})
public class DialerEndToEndTest extends StandInRun {

    static final int AGENTS = 20;
    static final int OWN_LEADS_PER_AGENT = 8;
    static final int POOL_LEADS = 40;

    @Test
    void everyLeadIsDialledExactlyOnceAndEverySessionEndsForItsReason() throws InterruptedException {
        List<String> agentIds = seed("e2e", AGENTS, OWN_LEADS_PER_AGENT, POOL_LEADS, "1");

        List<DialerSession> ended = runUntilAllEnded("e2e", agentIds, Duration.ofMinutes(3));

        assertEachLeadDialledOnce("e2e", ended);
        Map<Long, Lead> leadsById = leads.list("e2e", null, 10_000).stream()
                .collect(Collectors.toMap(Lead::id, Function.identity()));
        List<CallRecord> records = calls("e2e");
        assertThat(records).hasSize(AGENTS * OWN_LEADS_PER_AGENT + POOL_LEADS).allSatisfy(call -> {
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
        assertThat(ended).allSatisfy(session -> {
            assertThat(session.endReason()).isEqualTo("NO_LEADS");
            assertThat(session.agentCallStatus()).isEqualTo("completed");
        });
        assertThat(ended.stream().filter(s -> s.callsMade() > OWN_LEADS_PER_AGENT)).as("agents who dialled the pool")
                .isNotEmpty();
    }
}
