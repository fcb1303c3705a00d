package io.progressivedialer.endtoend;

import static io.progressivedialer.endtoend.DialerNode.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.progressivedialer.postgres.PostgresDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
        "dialer.simulator.time-scale=0.05",
        "dialer.simulator.webhook-retry-for=PT2M"})
class DialerClusterTest {

    private static final int AGENTS = 6;
    private static final int LEADS_PER_AGENT = 8;
    private static final LoadBalancer BALANCER = balancer();

    @DynamicPropertySource
    static void clusterUnderTest(DynamicPropertyRegistry properties) {
        properties.add("dialer.simulator.target-url", () -> BALANCER.url().toString());
    }

    @LocalServerPort
    int exotelPort;
    @TempDir
    Path workDirectory;

    private final List<DialerNode> nodes = new ArrayList<>();

    @AfterEach
    void stopNodes() throws InterruptedException {
        for (DialerNode node : nodes) {
            node.kill();
        }
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

    private DialerNode start(String name, String database) throws Exception {
        int port = DialerNode.freePort();
        DialerNode node = DialerNode.start(name, port, workDirectory.resolve(name), "http://localhost:" + exotelPort,
                List.of("--spring.profiles.active=postgres",
                        "--dialer.public-url=" + BALANCER.url(),
                        "--dialer.session.idle-timeout=PT5S",
                        "--dialer.session.outcome-timeout=PT30S",
                        "--dialer.inbox.orphaned-after=PT3S"),
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
