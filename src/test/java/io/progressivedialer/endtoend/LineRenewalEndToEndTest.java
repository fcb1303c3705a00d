package io.progressivedialer.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import io.progressivedialer.exotel.ConnectSettings;
import io.progressivedialer.campaigns.Campaign;
import io.progressivedialer.session.DialerSession;
import io.progressivedialer.simulator.StandInCalls;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.TestPropertySource;

/**
 * The stand-in cuts every agent line at the TimeLimit the connect asked for (here 5 s), as Exotel does, customer or
 * not; the campaign's calls ring at most a second and talk at most a second. Each session renews its line between
 * calls, over and over, in one process instance: no customer is cut off, every lead is dialled once.
 */
@TestPropertySource("classpath:mostly-answered-calls.properties")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:line-renewal-end-to-end;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
        "camunda.bpm.process-engine-name=lineRenewalEndToEnd",
        "dialer.demo.enabled=false",
        "dialer.exotel.calls-per-minute=100000",
        "dialer.exotel.time-limit=PT5S",
        "dialer.session.line-renewal-margin=PT1S",
        "dialer.simulator.time-scale=0.02"})
class LineRenewalEndToEndTest extends StandInRun {

    private static final int AGENTS = 2;

    @Autowired
    StandInCalls standIn;

    @Test
    void everyLineIsRenewedBetweenCallsAndNoCustomerIsCutOff() throws InterruptedException {
        List<String> agentIds = seed("renewal", AGENTS, 60, 0, "7");
        Campaign seeded = campaigns.find("renewal").orElseThrow();
        campaigns.save(new Campaign(seeded.id(), seeded.name(), seeded.callerId(), seeded.flowAppId(),
                seeded.timezone(), seeded.callWindowStart(), seeded.callWindowEnd(), false, 0, seeded.status(),
                new ConnectSettings(1, 1, true, "dual", null, null)));

        List<DialerSession> ended = runUntilAllEnded("renewal", agentIds, Duration.ofMinutes(3));

        assertEachLeadDialledOnce("renewal", ended);
        assertThat(ended).allSatisfy(session -> {
            assertThat(session.endReason()).isEqualTo("NO_LEADS");
            assertThat(session.lineRenewals()).as("lines renewed").isGreaterThanOrEqualTo(2);
        });
        assertThat(standIn.conversationsCut()).as("customers cut off by a line's time limit").isZero();
        assertThat(calls("renewal")).allSatisfy(call -> assertThat(call.outcomeAt()).isNotNull());
    }
}
