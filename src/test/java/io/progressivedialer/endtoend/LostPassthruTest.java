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
 * Exotel sends a Passthru once: one that never arrives (a node down, a network fault) is gone. Here the stand-in loses
 * every one, and each agent makes a single call: once the outcome timeout has let Exotel's figures settle, Call
 * Details with its legs tells each call's real outcome, a conversation and its length or why there was none.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:lost-passthru;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
        "camunda.bpm.process-engine-name=lostPassthru",
        "dialer.demo.enabled=false",
        "dialer.exotel.calls-per-minute=100000",
        "dialer.simulator.time-scale=0.01",
        "dialer.simulator.drop-passthru-percent=100",
        "dialer.simulator.agent-hang-up-after-calls=1",
        "dialer.session.outcome-timeout=PT1S"})
class LostPassthruTest extends StandInRun {

    private static final int AGENTS = 12;

    @Test
    void callsWhosePassthruNeverCameGetTheirRealOutcomeFromCallDetails() throws InterruptedException {
        List<String> agentIds = seed("lost", AGENTS, 1, 0, "5");

        List<DialerSession> ended = runUntilAllEnded("lost", agentIds, Duration.ofMinutes(2));

        assertEachLeadDialledOnce("lost", ended);
        Map<Long, Lead> leadsById = leads.list("lost", null, 100).stream()
                .collect(Collectors.toMap(Lead::id, Function.identity()));
        List<CallRecord> records = calls("lost");
        assertThat(records).hasSize(AGENTS).allSatisfy(call -> {
            assertThat(call.outcomeAt()).isNotNull();
            assertThat(call.status()).as("from Call Details, not missing").isIn("completed", "busy", "no-answer",
                    "failed");
            if (call.status().equals("completed")) {
                assertThat(call.conversationSeconds()).isPositive();
                assertThat(leadsById.get(call.leadId()).status()).isEqualTo(LeadStatus.CONTACTED);
            } else {
                assertThat(leadsById.get(call.leadId()).status()).isEqualTo(LeadStatus.RETRY);
            }
        });
        assertThat(records).extracting(CallRecord::status).contains("completed");
    }
}
