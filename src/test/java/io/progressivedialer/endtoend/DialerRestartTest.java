package io.progressivedialer.endtoend;

import static io.progressivedialer.endtoend.DialerNode.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The dialer runs as its own process on a file database, with this test's application as its Exotel (the
 * stand-in, which keeps the agents' calls going and sends every webhook again until the dialer takes it). The
 * dialer is killed with SIGKILL while its agents are mid-call and started again on the same database: every
 * session carries on from where it was and ends for the right reason, every lead is dialled once, every call
 * gets its outcome.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:restart-exotel;DB_CLOSE_DELAY=-1",
        "camunda.bpm.process-engine-name=restartExotel",
        "dialer.demo.enabled=false",
        "dialer.exotel.webhook-key=" + DialerNode.WEBHOOK_KEY,
        "dialer.exotel.account-sid=" + DialerNode.ACCOUNT_SID,
        "dialer.exotel.api-key=" + DialerNode.API_KEY,
        "dialer.exotel.api-token=" + DialerNode.API_TOKEN,
        "dialer.simulator.time-scale=0.05",
        "dialer.simulator.webhook-retry-for=PT2M",
        // a balancer in front of the dialer retries a request it failed; Exotel itself sends a Passthru once
        "dialer.simulator.retry-every-webhook=true"})
class DialerRestartTest {

    private static final int DIALER_PORT = DialerNode.freePort();
    private static final int AGENTS = 4;
    private static final int LEADS_PER_AGENT = 8;

    @DynamicPropertySource
    static void dialerUnderTest(DynamicPropertyRegistry properties) {
        properties.add("dialer.simulator.target-url", () -> "http://localhost:" + DIALER_PORT);
    }

    @LocalServerPort
    int exotelPort;
    @TempDir
    Path dataDirectory;

    private DialerNode dialer;

    @AfterEach
    void stopDialer() throws InterruptedException {
        if (dialer != null) {
            dialer.kill();
        }
    }

    @Test
    void sessionsKilledMidCallCarryOnAfterRestartAndEveryLeadIsDialledOnce() throws Exception {
        dialer = start("restart-first");
        DialerApi api = dialer.api();
        List<String> sessions = api.startSessions("restart", api.seed("restart", AGENTS, LEADS_PER_AGENT));
        await(Duration.ofMinutes(1), () -> api.calls().size() >= AGENTS * 2);

        List<JsonNode> callsBeforeKill = api.calls();
        dialer.kill();
        dialer = start("restart-second");

        await(Duration.ofMinutes(3), () -> api.allEnded(sessions));
        assertThat(callsBeforeKill).as("the kill came while agents were still dialling")
                .hasSizeLessThan(AGENTS * LEADS_PER_AGENT)
                .anySatisfy(call -> assertThat(call.path("outcomeAt").isMissingNode()).as("a call in progress").isTrue());
        api.assertEveryLeadDialledOnceAndEverySessionEnded("restart", sessions, AGENTS * LEADS_PER_AGENT);
    }

    private DialerNode start(String name) throws Exception {
        return DialerNode.start(name, DIALER_PORT, dataDirectory, "http://localhost:" + exotelPort, List.of(
                // WRITE_DELAY=0: H2 writes each commit before answering; by default it keeps the last half second
                // in memory, and a killed process loses it, answers Exotel has already acted on included
                "--spring.datasource.url=jdbc:h2:file:" + dataDirectory.resolve("dialer")
                        + ";LOCK_TIMEOUT=10000;WRITE_DELAY=0",
                "--camunda.bpm.process-engine-name=restartedDialer",
                "--dialer.session.idle-timeout=PT5S",
                "--dialer.session.quiet-sweep-interval=PT1S",
                "--dialer.session.outcome-timeout=PT30S",
                "--dialer.inbox.orphaned-after=PT3S"), Map.of());
    }
}
