package io.progressivedialer.desk;

import static io.progressivedialer.common.Timestamps.instant;
import static io.progressivedialer.common.Timestamps.timestamp;

import io.progressivedialer.exotel.ExotelBudget;
import io.progressivedialer.lead.LeadRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
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

    /** A campaign today: since {@code dayStartedAt}, midnight in the campaign's zone. */
    record CampaignStats(String campaignId, String name, String status, Map<String, Integer> leadsByStatus,
                         Instant dayStartedAt, int dialledToday, int contactsToday, double connectRate) {
    }

    /**
     * The DND screening backlog and the Exotel API budget: leads awaiting screening, the budget a minute, the calls
     * taken from it in the last minute, and when the backlog would be through at the earliest (a call a lead, the
     * whole budget screening; null when nothing waits).
     */
    record Screening(int awaitingLeads, int callsPerMinute, int callsLastMinute, Instant throughAt) {
    }

    record Stats(Instant since, List<AgentStats> agents, List<CampaignStats> campaigns, Screening screening) {
    }

    private record Tally(int calls, int contacts, long talkSeconds) {
        Tally plus(Tally other) {
            return new Tally(calls + other.calls, contacts + other.contacts, talkSeconds + other.talkSeconds);
        }
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final LeadRepository leads;
    private final ExotelBudget budget;

    FloorStats(JdbcClient jdbc, Clock clock, LeadRepository leads, ExotelBudget budget) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.leads = leads;
        this.budget = budget;
    }

    /** Each campaign's day began at local midnight in its own zone: "today" on the wallboard is the campaign's day. */
    Stats today() {
        Instant now = clock.instant();
        Map<String, Instant> dayStarts = new LinkedHashMap<>();
        jdbc.sql("select id, timezone from campaign where status <> 'ARCHIVED' order by id").query(rs -> {
            ZoneId zone = ZoneId.of(rs.getString("timezone"));
            dayStarts.put(rs.getString("id"), LocalDate.ofInstant(now, zone).atStartOfDay(zone).toInstant());
        });
        Instant since = dayStarts.values().stream().min(Instant::compareTo).orElse(now);
        return new Stats(since, agents(dayStarts, now), campaigns(dayStarts), screening(now));
    }

    private Screening screening(Instant now) {
        int awaiting = leads.awaitingScreening();
        ExotelBudget.Use use = budget.use();
        Instant through = awaiting == 0 ? null
                : now.plusSeconds((long) Math.ceil(60.0 * awaiting / Math.max(1, use.callsPerMinute())));
        return new Screening(awaiting, use.callsPerMinute(), use.usedLastMinute(), through);
    }

    private List<AgentStats> agents(Map<String, Instant> dayStarts, Instant now) {
        Map<String, Tally> tallies = new HashMap<>();
        Map<String, Long> onLine = new HashMap<>();
        dayStarts.forEach((campaignId, dayStart) -> {
            jdbc.sql("""
                            select c.agent_id, count(*) calls,
                                   sum(case when c.counts_as_contact then 1 else 0 end) contacts,
                                   sum(coalesce(c.conversation_seconds, 0)) talk
                              from call_record c
                             where c.campaign_id = ? and c.dialled_at >= ? group by c.agent_id""")
                    .params(campaignId, timestamp(dayStart))
                    .query(rs -> {
                        tallies.merge(rs.getString("agent_id"),
                                new Tally(rs.getInt("calls"), rs.getInt("contacts"), rs.getLong("talk")), Tally::plus);
                    });
            jdbc.sql("""
                            select agent_id, started_at, ended_at from dialer_session
                             where campaign_id = ? and coalesce(ended_at, ?) >= ?""")
                    .params(campaignId, timestamp(now), timestamp(dayStart))
                    .query(rs -> {
                        Instant start = instant(rs, "started_at");
                        Instant end = rs.getObject("ended_at") == null ? now : instant(rs, "ended_at");
                        long seconds = Duration.between(start.isBefore(dayStart) ? dayStart : start, end).toSeconds();
                        onLine.merge(rs.getString("agent_id"), seconds, Long::sum);
                    });
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
                            instant(rs, "agent_state_since"), rs.getString("session_id"), tally.calls(),
                            tally.contacts(), tally.talkSeconds(), idle);
                })
                .list();
    }

    private List<CampaignStats> campaigns(Map<String, Instant> dayStarts) {
        Map<String, Map<String, Integer>> byStatus = new HashMap<>();
        jdbc.sql("select campaign_id, status, count(*) n from lead group by campaign_id, status order by status")
                .query(rs -> {
                    byStatus.computeIfAbsent(rs.getString("campaign_id"), id -> new LinkedHashMap<>())
                            .put(rs.getString("status"), rs.getInt("n"));
                });
        Map<String, Tally> today = new HashMap<>();
        dayStarts.forEach((campaignId, dayStart) -> jdbc.sql("""
                        select count(*) calls, sum(case when c.counts_as_contact then 1 else 0 end) contacts
                          from call_record c where c.campaign_id = ? and c.dialled_at >= ?""")
                .params(campaignId, timestamp(dayStart))
                .query(rs -> {
                    today.put(campaignId, new Tally(rs.getInt("calls"), rs.getInt("contacts"), 0));
                }));
        return jdbc.sql("select id, name, status from campaign where status <> 'ARCHIVED' order by id")
                .query((rs, row) -> {
                    String id = rs.getString("id");
                    Tally tally = today.getOrDefault(id, new Tally(0, 0, 0));
                    return new CampaignStats(id, rs.getString("name"), rs.getString("status"),
                            byStatus.getOrDefault(id, Map.of()), dayStarts.get(id),
                            tally.calls(), tally.contacts(),
                            tally.calls() == 0 ? 0 : Math.round(1000.0 * tally.contacts() / tally.calls()) / 1000.0);
                })
                .list();
    }
}
