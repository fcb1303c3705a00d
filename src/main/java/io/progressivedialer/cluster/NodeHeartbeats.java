package io.progressivedialer.cluster;

import static io.progressivedialer.common.Timestamps.timestamp;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A node that dies holding jobs (a connect waiting for Exotel's answer, a timer firing) would leave them locked for
 * the engine's whole lock time, a minute, while an agent who answered waits for the dialer on a silent line. So each
 * node notes in the database every second that its job executor is alive, and any node releases the jobs of one
 * silent for {@code dialer.cluster.node-timeout}: another node runs them at once. A node that was only paused, not
 * dead, finds its jobs' versions moved on and its own runs rolled back; the jobs are safe to run again (a connect
 * asked for once is never asked again). A node releases others' jobs only once it has itself beaten without a gap
 * for the node timeout: after a database outage every node is silent for a while, and each gets that long to beat
 * again before it is taken for dead.
 */
@Component
class NodeHeartbeats {

    private static final Logger log = LoggerFactory.getLogger(NodeHeartbeats.class);

    private final JdbcClient jdbc;
    private final ProcessEngineConfigurationImpl engine;
    private final Clock clock;
    private final Duration nodeTimeout;
    private final Duration heartbeatInterval;
    /** This node's own beats: the first of the current run without a gap, and the latest. */
    private Instant beatingSince;
    private Instant lastBeat;

    NodeHeartbeats(JdbcClient jdbc, ProcessEngineConfigurationImpl engine, Clock clock,
                   @Value("${dialer.cluster.node-timeout:PT3S}") Duration nodeTimeout,
                   @Value("${dialer.cluster.heartbeat-interval:PT1S}") Duration heartbeatInterval) {
        this.jdbc = jdbc;
        this.engine = engine;
        this.clock = clock;
        this.nodeTimeout = nodeTimeout;
        this.heartbeatInterval = heartbeatInterval;
    }

    @Scheduled(fixedDelayString = "${dialer.cluster.heartbeat-interval:PT1S}")
    @Transactional
    void beat() {
        // the engine is given its job executor after this bean is made
        JobExecutor jobExecutor = engine.getJobExecutor();
        if (jobExecutor == null) {
            return;
        }
        Instant now = clock.instant();
        String self = jobExecutor.getLockOwner();
        if (jdbc.sql("update dialer_node set seen_at = ? where lock_owner = ?").params(timestamp(now), self)
                .update() == 0) {
            jdbc.sql("insert into dialer_node (lock_owner, seen_at) values (?, ?)").params(self, timestamp(now))
                    .update();
        }
        if (lastBeat == null || lastBeat.plus(heartbeatInterval.multipliedBy(2)).isBefore(now)) {
            beatingSince = now;
        }
        lastBeat = now;
        if (!beatingSince.plus(nodeTimeout).isAfter(now)) {
            releaseJobsOfSilentNodes(now.minus(nodeTimeout), jobExecutor);
        }
    }

    private void releaseJobsOfSilentNodes(Instant silentSince, JobExecutor jobExecutor) {
        int released = jdbc.sql("""
                        update ACT_RU_JOB set LOCK_OWNER_ = null, LOCK_EXP_TIME_ = null, REV_ = REV_ + 1
                         where LOCK_OWNER_ in (select lock_owner from dialer_node where seen_at < ?)""")
                .param(timestamp(silentSince)).update();
        int silent = jdbc.sql("delete from dialer_node where seen_at < ?").param(timestamp(silentSince)).update();
        if (silent > 0) {
            log.warn("{} node(s) silent for {}: released the {} job(s) they held", silent, nodeTimeout, released);
        }
        if (released > 0 && jobExecutor.isActive()) {
            jobExecutor.jobWasAdded();
        }
    }
}
