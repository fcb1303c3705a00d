package io.progressivedialer.endtoend;

import static io.progressivedialer.endtoend.DialerNode.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.progressivedialer.CrmReceiver;
import io.progressivedialer.postgres.PostgresDatabase;
import io.progressivedialer.simulator.StandInCalls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Two dialer nodes, each its own JVM, on one PostgreSQL database through the production {@code postgres} profile,
 * behind a load balancer that spreads Exotel's webhooks and the API over both; this test's application is their
 * Exotel. One node is killed with SIGKILL mid-run: its sessions carry on on the survivor, every lead is dialled
 * once, every call gets its outcome.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:cluster-exotel;DB_CLOSE_DELAY=-1",
        "camunda.bpm.process-engine-name=clusterExotel",
        "dialer.demo.enabled=false",
        "dialer.exotel.webhook-key=" + DialerNode.WEBHOOK_KEY,
        "dialer.exotel.account-sid=" + DialerNode.ACCOUNT_SID,
        "dialer.exotel.api-key=" + DialerNode.API_KEY,
        "dialer.exotel.api-token=" + DialerNode.API_TOKEN,
        "dialer.simulator.time-scale=0.05",
        "dialer.simulator.webhook-retry-for=PT2M",
        // a balancer in front of the dialer retries a request it failed; Exotel itself sends a Passthru once
        "dialer.simulator.retry-every-webhook=true"})
class DialerClusterTest {

    private static final int AGENTS = 6;
    private static final int LEADS_PER_AGENT = 8;
    private static final LoadBalancer BALANCER = balancer();
    private static final CrmReceiver CRM = new CrmReceiver();
    private static final int CALLS_PER_MINUTE = 120;

    @DynamicPropertySource
    static void clusterUnderTest(DynamicPropertyRegistry properties) {
        properties.add("dialer.simulator.target-url", () -> BALANCER.url().toString());
    }

    @LocalServerPort
    int exotelPort;
    @Autowired
    StandInCalls standIn;
    @TempDir
    Path workDirectory;

    private final List<DialerNode> nodes = new ArrayList<>();

    @AfterEach
    void stopNodes() throws InterruptedException {
        for (DialerNode node : nodes) {
            node.kill();
        }
        BALANCER.clear();
        standIn.answerConnectsAfter(Duration.ZERO);
        standIn.agentsAnswerAfter(null);
    }

    @AfterAll
    static void stopBalancer() {
        BALANCER.close();
    }

    @Test
    void aNodeKilledMidRunLeavesItsSessionsToTheOtherAndEveryLeadIsDialledOnce() throws Exception {
        String database = PostgresDatabase.newDatabase("cluster");
        DialerNode first = start("cluster-a", database);
        DialerNode second = start("cluster-b", database);
        DialerApi api = new DialerApi(BALANCER.url(), DialerNode.ADMIN_USER, DialerNode.ADMIN_PASSWORD);
        List<String> sessions = api.startSessions("cluster", api.seed("cluster", AGENTS, LEADS_PER_AGENT));
        await(Duration.ofMinutes(1), () -> api.calls().size() >= AGENTS * 2);

        int callsBeforeKill = api.calls().size();
        second.kill();

        await(Duration.ofMinutes(3), () -> api.allEnded(sessions));
        assertThat(callsBeforeKill).as("the kill came mid-run").isLessThan(AGENTS * LEADS_PER_AGENT);
        assertThat(first.api().isHealthy()).isTrue();
        api.assertEveryLeadDialledOnceAndEverySessionEnded("cluster", sessions, AGENTS * LEADS_PER_AGENT);
    }

    /**
     * A node killed while it waits for Exotel to answer the connects it asked for, the agents being rung: the other
     * node learns within {@code dialer.cluster.node-timeout} (3 s) that it is silent and runs the jobs it held at once,
     * not after their lock time (10 s for these nodes, a minute in production), so that each agent who answers finds
     * the dialer waiting with a customer; a connect that was asked for is not asked again: each agent is rung once.
     */
    @Test
    void aNodeKilledWhileItPlacesCallsLeavesItsJobsToTheOtherAtOnce() throws Exception {
        String database = PostgresDatabase.newDatabase("takeover");
        start("takeover-a", database);
        DialerNode second = start("takeover-b", database);
        DialerApi api = new DialerApi(BALANCER.url(), DialerNode.ADMIN_USER, DialerNode.ADMIN_PASSWORD);
        List<String> agents = api.seed("takeover", AGENTS, 3);
        // the stand-in serves every test of this class, whose agents have the same numbers
        long[] rungBefore = new long[AGENTS];
        for (int a = 0; a < AGENTS; a++) {
            rungBefore[a] = standIn.timesRung("+91995000%04d".formatted(a));
        }
        // Exotel slow to answer, agents answering in 3 s: the dialer asked whom to dial before it knows the call
        standIn.answerConnectsAfter(Duration.ofSeconds(6));
        standIn.agentsAnswerAfter(Duration.ofSeconds(3));
        List<String> sessions = api.startSessions("takeover", agents);
        Thread.sleep(500);
        second.kill();

        await(Duration.ofMinutes(3), () -> api.allEnded(sessions));

        for (int a = 0; a < AGENTS; a++) {
            assertThat(standIn.timesRung("+91995000%04d".formatted(a)) - rungBefore[a]).as("agent %s rung", a)
                    .isEqualTo(1);
        }
        api.assertEveryLeadDialledOnceAndEverySessionEnded("takeover", sessions, AGENTS * 3);
    }

    /**
     * What must hold across nodes and not only in one JVM: an agent's desk open on node A gets the customer card and
     * outcome of every call, whichever node handled its webhooks; the CRM gets each event once; both nodes together
     * keep to one Exotel budget, which DND screening in batches of 5 on both at once would otherwise exceed.
     */
    @Test
    void theDeskTheCrmAndTheExotelBudgetAreTheClustersNotANodes() throws Exception {
        Instant started = Instant.now();
        String database = PostgresDatabase.newDatabase("shared");
        List<String> shared = List.of("--dialer.crm.webhook-url=" + CRM.url(), "--dialer.crm.poll-interval=PT0.2S",
                "--dialer.crm.secret=cluster-crm-secret-0123456789abcdef",
                "--dialer.exotel.calls-per-minute=" + CALLS_PER_MINUTE, "--dialer.dnd.screening-batch=5");
        DialerNode first = start("shared-a", database, shared);
        start("shared-b", database, shared);
        DialerApi api = new DialerApi(BALANCER.url(), DialerNode.ADMIN_USER, DialerNode.ADMIN_PASSWORD);
        List<String> agents = api.seed("shared", 4, 8);
        Map<String, BlockingQueue<String[]>> desks = new HashMap<>();
        for (String agent : agents) {
            desks.put(agent, first.api().listen(agent));
        }
        // node B learns within a second that these desks are watched
        Thread.sleep(2000);
        List<String> sessions = api.startSessions("shared", agents);
        await(Duration.ofMinutes(3), () -> api.allEnded(sessions));
        api.assertEveryLeadDialledOnceAndEverySessionEnded("shared", sessions, 32);

        // every call's card and outcome reached node A's desk, in that order
        List<JsonNode> calls = api.calls();
        Thread.sleep(2000);
        for (JsonNode call : calls) {
            String agent = api.session(call.path("sessionId").asText()).path("agentId").asText();
            List<String[]> seen = new ArrayList<>(desks.get(agent));
            int dialling = indexOf(seen, "dialling", "\"callId\":" + call.path("id").asLong() + ",");
            int outcome = indexOf(seen, "outcome", "\"id\":" + call.path("id").asLong() + ",");
            assertThat(dialling).as("call %s dialled on node A's desk", call.path("id")).isNotNegative();
            assertThat(outcome).as("call %s ended on node A's desk", call.path("id")).isGreaterThan(dialling);
        }

        // each CRM event posted once, by whichever node claimed it
        try (Connection db = DriverManager.getConnection(database, "postgres", "postgres")) {
            await(Duration.ofMinutes(1), () -> count(db, "select count(*) from crm_outbox where delivered_at is null") == 0);
            List<String> ids = CRM.received().stream().map(CrmReceiver.Received::eventId).toList();
            assertThat(ids).doesNotHaveDuplicates()
                    .hasSize(count(db, "select count(*) from crm_outbox"));
        }

        // one budget: no ten-second window took more than its share, though the work asked for more
        Map<Instant, Long> perWindow = standIn.apiCallsPer(Duration.ofSeconds(10), started);
        assertThat(perWindow.values().stream().mapToLong(Long::longValue).sum())
                .as("more Exotel calls than one window allows").isGreaterThan(CALLS_PER_MINUTE / 6L);
        assertThat(perWindow.values()).as("Exotel calls per ten seconds, both nodes together")
                .allSatisfy(calls10s -> assertThat(calls10s).isLessThanOrEqualTo(CALLS_PER_MINUTE / 6 + 2));
    }

    private static int indexOf(List<String[]> events, String name, String fragment) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i)[0].equals(name) && events.get(i)[1].contains(fragment)) {
                return i;
            }
        }
        return -1;
    }

    private static int count(Connection db, String sql) {
        try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private DialerNode start(String name, String database) throws Exception {
        return start(name, database, List.of());
    }

    private DialerNode start(String name, String database, List<String> settings) throws Exception {
        int port = DialerNode.freePort();
        DialerNode node = DialerNode.start(name, port, workDirectory.resolve(name), "http://localhost:" + exotelPort,
                Stream.concat(Stream.of("--spring.profiles.active=postgres",
                        "--dialer.public-url=" + BALANCER.url(),
                        "--dialer.session.idle-timeout=PT5S",
                        "--dialer.session.quiet-sweep-interval=PT1S",
                        "--dialer.session.outcome-timeout=PT30S",
                        "--dialer.inbox.orphaned-after=PT3S"), settings.stream()).toList(),
                Map.of("DIALER_DB_URL", database, "DIALER_DB_USER", "postgres", "DIALER_DB_PASSWORD", "postgres"));
        nodes.add(node);
        BALANCER.add(URI.create("http://localhost:" + port));
        return node;
    }

    private static LoadBalancer balancer() {
        try {
            return new LoadBalancer(DialerNode.freePort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
