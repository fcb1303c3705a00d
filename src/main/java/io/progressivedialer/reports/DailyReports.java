package io.progressivedialer.reports;

import static io.progressivedialer.common.Timestamps.instant;
import static io.progressivedialer.common.Timestamps.timestamp;

import io.progressivedialer.calls.CallRecord;
import io.progressivedialer.calls.CallRecordRepository;
import io.progressivedialer.common.DialerException;
import io.progressivedialer.campaigns.Campaign;
import io.progressivedialer.campaigns.CampaignRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The daily report: per day in each campaign's own time zone, campaign and agent, what the call records and the
 * agent-state log say. Rows are read for the range widened by a day each side, since a day in Kolkata is not a UTC day,
 * and counted where their local day falls.
 */
@Service
public class DailyReports {

    /** The longest range one report covers. */
    static final int MAX_DAYS = 366;

    private final JdbcClient jdbc;
    private final CampaignRepository campaigns;
    private final CallRecordRepository calls;
    private final Clock clock;

    DailyReports(JdbcClient jdbc, CampaignRepository campaigns, CallRecordRepository calls, Clock clock) {
        this.calls = calls;
        this.jdbc = jdbc;
        this.campaigns = campaigns;
        this.clock = clock;
    }

    private record Key(LocalDate day, String campaignId, String agentId) {
    }

    /** Running totals of one row. */
    private static final class Tally {
        int calls;
        int contacts;
        long talk;
        long wrapUp;
        long waiting;
        int exhausted;
        final Map<String, Long> pauses = new TreeMap<>();
    }

    @Transactional(readOnly = true)
    public List<DailyReport> daily(LocalDate from, LocalDate to, String campaignId, String agentId) {
        if (from.isAfter(to)) {
            throw DialerException.badRequest("from " + from + " is after to " + to);
        }
        if (Duration.between(from.atStartOfDay(), to.atStartOfDay()).toDays() >= MAX_DAYS) {
            throw DialerException.badRequest("a report covers at most " + MAX_DAYS + " days");
        }
        Map<String, ZoneId> zones = campaigns.list().stream()
                .collect(Collectors.toMap(Campaign::id, Campaign::timezone, (a, b) -> a));
        if (campaignId != null && !zones.containsKey(campaignId)) {
            throw DialerException.notFound("campaign", campaignId);
        }
        Instant since = from.minusDays(1).atStartOfDay(ZoneId.of("UTC")).toInstant();
        Instant until = to.plusDays(2).atStartOfDay(ZoneId.of("UTC")).toInstant();
        Map<Key, Tally> tallies = new TreeMap<>(Comparator.comparing(Key::day).thenComparing(Key::campaignId)
                .thenComparing(Key::agentId));
        Function<Key, Tally> tally = key -> tallies.computeIfAbsent(key, k -> new Tally());
        String filters = (campaignId == null ? "" : " and s.campaign_id = :campaign")
                + (agentId == null ? "" : " and s.agent_id = :agent");

        jdbc.sql("""
                        select s.campaign_id, s.agent_id, c.dialled_at, c.counts_as_contact, c.conversation_seconds,
                               c.lead_status
                          from call_record c join dialer_session s on s.id = c.session_id
                         where c.dialled_at >= :since and c.dialled_at < :until""" + filters)
                .param("since", timestamp(since)).param("until", timestamp(until))
                .params(filterParams(campaignId, agentId))
                .query(rs -> {
                    LocalDate day = localDay(instant(rs, "dialled_at"), zones.get(rs.getString(1)));
                    if (day.isBefore(from) || day.isAfter(to)) {
                        return;
                    }
                    Tally t = tally.apply(new Key(day, rs.getString(1), rs.getString(2)));
                    t.calls++;
                    t.contacts += rs.getBoolean("counts_as_contact") ? 1 : 0;
                    t.talk += rs.getInt("conversation_seconds");
                    t.exhausted += "EXHAUSTED".equals(rs.getString("lead_status")) ? 1 : 0;
                });

        Instant now = clock.instant();
        // finished stretches from the log; the one going on, until now, from the live session itself
        jdbc.sql("""
                        select s.campaign_id, s.agent_id, l.state, l.reason, l.started_at, l.ended_at
                          from agent_state_log l join dialer_session s on s.id = l.session_id
                         where l.state in ('WRAP_UP', 'PAUSED', 'WAITING')
                           and l.started_at >= :since and l.started_at < :until""" + filters + " union all " + """
                        select s.campaign_id, s.agent_id, s.agent_state, s.pause_reason, s.agent_state_since, null
                          from dialer_session s
                         where s.live_agent_id is not null and s.agent_state in ('WRAP_UP', 'PAUSED', 'WAITING')
                           and s.agent_state_since >= :since and s.agent_state_since < :until""" + filters)
                .param("since", timestamp(since)).param("until", timestamp(until))
                .params(filterParams(campaignId, agentId))
                .query(rs -> {
                    Instant started = instant(rs, "started_at");
                    LocalDate day = localDay(started, zones.get(rs.getString(1)));
                    if (day.isBefore(from) || day.isAfter(to)) {
                        return;
                    }
                    Instant ended = rs.getObject("ended_at") == null ? now : instant(rs, "ended_at");
                    long seconds = Math.max(0, Duration.between(started, ended).toSeconds());
                    Tally t = tally.apply(new Key(day, rs.getString(1), rs.getString(2)));
                    switch (rs.getString("state")) {
                        case "WRAP_UP" -> t.wrapUp += seconds;
                        case "WAITING" -> t.waiting += seconds;
                        default -> t.pauses.merge(rs.getString("reason") == null ? "unknown" : rs.getString("reason"),
                                seconds, Long::sum);
                    }
                });

        List<DailyReport> rows = new ArrayList<>();
        tallies.forEach((key, t) -> rows.add(new DailyReport(key.day(), key.campaignId(), key.agentId(), t.calls,
                t.contacts, t.calls == 0 ? 0 : (double) t.contacts / t.calls, t.talk, t.wrapUp,
                t.calls == 0 ? 0 : (double) (t.talk + t.wrapUp) / t.calls,
                t.pauses.values().stream().mapToLong(Long::longValue).sum(), Map.copyOf(t.pauses), t.waiting,
                t.exhausted)));
        return rows;
    }

    /** The calls behind one row of the report: the agent's on the campaign on that day in the campaign's zone. */
    @Transactional(readOnly = true)
    public List<CallRecord> calls(LocalDate day, String campaignId, String agentId) {
        Campaign campaign = campaigns.find(campaignId).orElseThrow(() -> DialerException.notFound("campaign", campaignId));
        return calls.ofAgent(campaignId, agentId, day.atStartOfDay(campaign.timezone()).toInstant(),
                day.plusDays(1).atStartOfDay(campaign.timezone()).toInstant(), 10_000);
    }

    private static Map<String, Object> filterParams(String campaignId, String agentId) {
        Map<String, Object> params = new TreeMap<>();
        if (campaignId != null) {
            params.put("campaign", campaignId);
        }
        if (agentId != null) {
            params.put("agent", agentId);
        }
        return params;
    }

    private static LocalDate localDay(Instant instant, ZoneId zone) {
        return instant.atZone(zone == null ? ZoneId.of("UTC") : zone).toLocalDate();
    }
}
