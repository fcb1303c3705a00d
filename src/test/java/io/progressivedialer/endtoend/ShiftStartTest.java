package io.progressivedialer.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import io.progressivedialer.agents.Agent;
import io.progressivedialer.campaigns.Campaign;
import io.progressivedialer.campaigns.CampaignStatus;
import io.progressivedialer.exotel.ConnectSettings;
import io.progressivedialer.session.DialerSession;
import java.io.StringReader;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A shift starts at once: more agents press Start than the Exotel API budget lets connect in one window. A connect
 * that finds the budget spent asks nothing of Exotel and holds no database connection: its session waits, in its
 * process, for the next window, and is not taken for stuck (the connect timeout counts from its latest wait). Every
 * agent is connected in turn, no session ends CONNECT_TIMED_OUT, and every lead is dialled once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:shift-start;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
        "camunda.bpm.process-engine-name=shiftStart",
        "dialer.demo.enabled=false",
        // two calls in each ten-second window: ten agents need five windows
        "dialer.exotel.calls-per-minute=12",
        "dialer.exotel.budget-wait=PT1S",
        "dialer.session.connect-timeout=PT8S",
        "dialer.session.stuck-sweep-interval=PT1S",
        "dialer.simulator.time-scale=0.01"})
class ShiftStartTest extends StandInRun {

    static final int AGENTS = 10;

    @Test
    void agentsBeyondTheBudgetWaitForItsNextWindowAndNoneTimesOut() throws InterruptedException {
        // a transactional campaign: its leads need no DND screening, which would spend the same budget
        campaigns.save(new Campaign("rush", "Morning rush", "+917314853246", "383431", ZoneId.of("Asia/Kolkata"),
                LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, true, 0, CampaignStatus.ACTIVE, ConnectSettings.DEFAULTS));
        StringBuilder csv = new StringBuilder("phone,name,agent,priority,timezone\n");
        List<String> agentIds = new ArrayList<>();
        for (int a = 0; a < AGENTS; a++) {
            String agent = "rush-agent-" + a;
            agents.save(new Agent(agent, "Agent " + a, "+91997%07d".formatted(a)));
            campaigns.addAgent("rush", agent);
            agentIds.add(agent);
            csv.append("+91987%07d,Lead,%s,1,\n".formatted(a, agent));
        }
        leadImport.importCsv("rush", new StringReader(csv.toString()));

        List<String> sessionIds = startAll("rush", agentIds);
        List<DialerSession> ended = awaitAllEnded(sessionIds, Duration.ofMinutes(3));

        assertThat(ended).allSatisfy(session -> assertThat(session.endReason()).as(session.agentId())
                .isEqualTo("NO_LEADS"));
        assertThat(ended.stream().filter(session -> session.budgetWaitSince() != null))
                .as("sessions that waited for a later window").hasSizeGreaterThanOrEqualTo(AGENTS / 2);
        assertEachLeadDialledOnce("rush", ended);
    }
}
