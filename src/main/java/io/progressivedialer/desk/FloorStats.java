package io.progressivedialer.desk;

import static io.progressivedialer.common.Timestamps.instant;
import static io.progressivedialer.common.Timestamps.timestamp;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Today's picture of the floor, per agent and per campaign, for the wallboard and {@code GET /api/stats}. */
@Service
class FloorStats {

    /**
     * An agent today: talk time is the customers' conversation seconds; idle time is the rest of their sessions'
     * time on the line.
     */
    record AgentStats(String agentId, String name, String state, String reason, Instant since, String sessionId,
                      int calls, int contacts, long talkSeconds, long idleSeconds) {
    }

    record CampaignStats(String campaignId, String name, String status, Map<String, Integer> leadsByStatus,
                         int dialledToday, int contactsToday, double connectRate) {
    }

    record Stats(Instant since, List<AgentStats> agents, List<CampaignStats> campaigns) {
    }

    private record Tally(int calls, int contacts, long talkSeconds) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    FloorStats(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Stats today() {
        Instant now = clock.instant();
        Instant since = LocalDate.now(clock).atStartOfDay(clock.getZone()).toInstant();
        return new Stats(since, agents(since, now), campaigns(since));
    }

    private List<AgentStats> agents(Instant since, Instant now) {
        Map<String, Tally> tallies = new HashMap<>();
        jdbc.sql("""
                        select s.agent_id, count(*) calls,
                               sum(case when c.counts_as_contact then 1 else 0 end) contacts,
                               sum(coalesce(c.conversation_seconds, 0)) talk
                          from call_record c join dialer_session s on s.id = c.session_id
                         where c.dialled_at >= ? group by s.agent_id""")
                .param(timestamp(since))
                .query(rs -> {
                    tallies.put(rs.getString("agent_id"),
                            new Tally(rs.getInt("calls"), rs.getInt("contacts"), rs.getLong("talk")));
                });
        Map<String, Long> onLine = new HashMap<>();
        jdbc.sql("select agent_id, started_at, ended_at from dialer_session where coalesce(ended_at, ?) >= ?")
                .params(timestamp(now), timestamp(since))
                .query(rs -> {
                    Instant start = instant(rs.getTimestamp("started_at"));
                    Instant end = rs.getTimestamp("ended_at") == null ? now : instant(rs.getTimestamp("ended_at"));
                    long seconds = Duration.between(start.isBefore(since) ? since : start, end).toSeconds();
                    onLine.merge(rs.getString("agent_id"), seconds, Long::sum);
                });
        return jdbc.sql("""
                        select a.id, a.name, s.id session_id, s.status, s.agent_state, s.pause_reason,
                               s.agent_state_since
                          from agent a left join dialer_session s on s.live_agent_id = a.id
                         order by a.id""")
                .query((rs, row) -> {
                    String agentId = rs.getString("id");
                    Tally tally = tallies.getOrDefault(agentId, new Tally(0, 0, 0));
                    long idle = Math.max(0, onLine.getOrDefault(agentId, 0L) - tally.talkSeconds());
                    String state = rs.getString("agent_state") != null ? rs.getString("agent_state")
                            : rs.getString("status") == null ? "OFFLINE" : rs.getString("status");
                    return new AgentStats(agentId, rs.getString("name"), state, rs.getString("pause_reason"),
                            instant(rs.getTimestamp("agent_state_since")), rs.getString("session_id"), tally.calls(),
                            tally.contacts(), tally.talkSeconds(), idle);
                })
                .list();
    }

    private List<CampaignStats> campaigns(Instant since) {
        Map<String, Map<String, Integer>> byStatus = new HashMap<>();
        jdbc.sql("select campaign_id, status, count(*) n from lead group by campaign_id, status order by status")
                .query(rs -> {
                    byStatus.computeIfAbsent(rs.getString("campaign_id"), id -> new LinkedHashMap<>())
                            .put(rs.getString("status"), rs.getInt("n"));
                });
        Map<String, Tally> today = new HashMap<>();
        jdbc.sql("""
                        select l.campaign_id, count(*) calls, sum(case when c.counts_as_contact then 1 else 0 end) contacts
                          from call_record c join lead l on l.id = c.lead_id
                         where c.dialled_at >= ? group by l.campaign_id""")
                .param(timestamp(since))
                .query(rs -> {
                    today.put(rs.getString("campaign_id"), new Tally(rs.getInt("calls"), rs.getInt("contacts"), 0));
                });
        return jdbc.sql("select id, name, status from campaign order by id")
                .query((rs, row) -> {
                    String id = rs.getString("id");
                    Tally tally = today.getOrDefault(id, new Tally(0, 0, 0));
                    return new CampaignStats(id, rs.getString("name"), rs.getString("status"),
                            byStatus.getOrDefault(id, Map.of()),
                            tally.calls(), tally.contacts(),
                            tally.calls() == 0 ? 0 : Math.round(1000.0 * tally.contacts() / tally.calls()) / 1000.0);
                })
                .list();
    }
}
