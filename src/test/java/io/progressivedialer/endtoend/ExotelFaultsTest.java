package io.progressivedialer.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import io.progressivedialer.lead.LeadStatus;
import io.progressivedialer.session.DialerSession;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import io.progressivedialer.simulator.StandInCalls;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The stand-in plays a bad day at Exotel: a fifth of the popups, Passthrus and StatusCallbacks come twice, a
 * fifth late behind later ones, a tenth never; a fifth of the dial-whom questions are asked twice, as when the
 * first answer was lost; a tenth of its API answers are 429 or 500. Every lead is still dialled once and counted
 * once, every call gets an outcome (reconciled as missing when its Passthru was lost), no session and no lead
 * is left hanging.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:exotel-faults;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
        "camunda.bpm.process-engine-name=exotelFaults",
        "dialer.demo.enabled=false",
        "dialer.exotel.calls-per-minute=100000",
        "dialer.simulator.time-scale=0.01",
        "dialer.simulator.duplicate-percent=20",
        "dialer.simulator.delay-percent=20",
        "dialer.simulator.drop-percent=10",
        "dialer.simulator.api-error-percent=10",
        "dialer.simulator.placed-but-failed-percent=20",
        "dialer.session.idle-timeout=PT2S",
        "dialer.session.quiet-sweep-interval=PT1S",
        "dialer.session.outcome-timeout=PT2S"})
class ExotelFaultsTest extends StandInRun {

    @Autowired
    StandInCalls standIn;

    @Test
    void duplicatedLateAndLostWebhooksAndApiErrorsNeitherDoubleNorStrandACall() throws InterruptedException {
        List<String> agentIds = seed("faults", 10, 10, 0, "3");

        List<DialerSession> ended = runUntilAllEnded("faults", agentIds, Duration.ofMinutes(2));

        assertEachLeadDialledOnce("faults", ended);
        assertThat(leads.list("faults", null, 10_000))
                .allSatisfy(lead -> assertThat(lead.status()).isNotIn(LeadStatus.DIALLING, LeadStatus.NEW));
        assertThat(calls("faults")).allSatisfy(call -> assertThat(call.outcomeAt()).as(call.number()).isNotNull());
        assertThat(agentIds).allSatisfy(agent -> assertThat(standIn.timesRung(agents.find(agent).orElseThrow().phone()))
                .as("times %s was rung", agent).isEqualTo(1));
    }
}
