package io.progressivedialer.cluster;

import static io.progressivedialer.common.Timestamps.timestamp;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.progressivedialer.PassiveExotelTest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The jobs of a node silent for the node timeout are released to the others, with their version moved on; a node
 * that was itself cut off (a database outage silences every node) first beats for the node timeout again.
 */
class NodeHeartbeatsTest extends PassiveExotelTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final Duration INTERVAL = Duration.ofSeconds(1);

    @Autowired
    JdbcClient jdbc;
    @Autowired
    ProcessEngineConfigurationImpl engine;

    /** A day ahead, so that this node's own heartbeat, on the real clock, takes the dead node for alive. */
    private Instant now = Instant.now().plus(Duration.ofDays(1));

    private NodeHeartbeats heartbeats() {
        return new NodeHeartbeats(jdbc, engine, new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        }, TIMEOUT, INTERVAL);
    }

    /** A session's connect job, locked by a node last seen {@code silentFor} ago. */
    private String jobHeldByANodeSilentFor(String node, Duration silentFor) {
        String campaign = newCampaign();
        String agent = newAgent();
        HttpResponse<String> started = postJson("/api/sessions", Map.of("agentId", agent, "campaignId", campaign));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        JsonNode session = read(started);
        String job = management.createJobQuery().processInstanceId(session.path("processInstanceId").asText())
                .singleResult().getId();
        jdbc.sql("update ACT_RU_JOB set LOCK_OWNER_ = ?, LOCK_EXP_TIME_ = ? where ID_ = ?")
                .params(node, timestamp(now.plus(Duration.ofMinutes(1))), job).update();
        jdbc.sql("insert into dialer_node (lock_owner, seen_at) values (?, ?)")
                .params(node, timestamp(now.minus(silentFor))).update();
        return job;
    }

    private String lockOwner(String job) {
        return jdbc.sql("select LOCK_OWNER_ from ACT_RU_JOB where ID_ = ?").param(job).query(String.class).optional()
                .orElse(null);
    }

    private int revision(String job) {
        return jdbc.sql("select REV_ from ACT_RU_JOB where ID_ = ?").param(job).query(Integer.class).single();
    }

    /** Beats every interval for {@code duration}; the clock then stands at the next beat's time. */
    private void beatFor(NodeHeartbeats heartbeats, Duration duration) {
        for (long beat = 0; beat < duration.dividedBy(INTERVAL); beat++) {
            heartbeats.beat();
            now = now.plus(INTERVAL);
        }
    }

    @Test
    void theJobsOfANodeSilentForTheTimeoutAreReleasedOnceThisNodeHasBeatenThatLong() {
        String dead = "dead-node-" + System.nanoTime();
        String alive = "alive-node-" + System.nanoTime();
        String deadJob = jobHeldByANodeSilentFor(dead, Duration.ofMinutes(5));
        String aliveJob = jobHeldByANodeSilentFor(alive, INTERVAL);
        int revision = revision(deadJob);
        NodeHeartbeats heartbeats = heartbeats();

        beatFor(heartbeats, TIMEOUT);
        assertThat(lockOwner(deadJob)).as("this node has not beaten for the node timeout yet").isEqualTo(dead);

        jdbc.sql("update dialer_node set seen_at = ? where lock_owner = ?")
                .params(timestamp(now.minus(INTERVAL)), alive).update();
        heartbeats.beat();
        assertThat(lockOwner(deadJob)).as("released after this node beat for the node timeout").isNull();
        assertThat(revision(deadJob)).as("its version moved on").isEqualTo(revision + 1);
        assertThat(lockOwner(aliveJob)).as("a node seen within the timeout keeps its jobs").isEqualTo(alive);
        assertThat(jdbc.sql("select count(*) from dialer_node where lock_owner = ?").param(dead).query(Integer.class)
                .single()).isZero();
    }

    @Test
    void aNodeThatWasCutOffItselfGivesTheOthersTheTimeoutToBeatAgain() {
        NodeHeartbeats heartbeats = heartbeats();
        beatFor(heartbeats, TIMEOUT.plus(INTERVAL));
        // the database was away for ten seconds: no node beat meanwhile
        now = now.plus(Duration.ofSeconds(10));
        String other = "other-node-" + System.nanoTime();
        String job = jobHeldByANodeSilentFor(other, Duration.ofSeconds(11));

        beatFor(heartbeats, TIMEOUT);
        assertThat(lockOwner(job)).as("not taken for dead straight after the outage").isEqualTo(other);

        heartbeats.beat();
        assertThat(lockOwner(job)).as("taken for dead once it had the timeout to beat again").isNull();
    }
}
