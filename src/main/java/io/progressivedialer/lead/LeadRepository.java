package io.progressivedialer.lead;

import static io.progressivedialer.common.Timestamps.instant;
import static io.progressivedialer.common.Timestamps.timestamp;

import io.progressivedialer.common.Filters;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

@Repository
public class LeadRepository {

    private static final String DIALABLE = Arrays.stream(LeadStatus.values()).filter(LeadStatus::isDialable)
            .map(status -> "'" + status.name() + "'").collect(Collectors.joining(", ", "(", ")"));

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    public LeadRepository(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    public record NewLead(String campaignId, String agentId, String phone, String name, int priority,
                          String timezone, String attributes, List<String> altPhones, Instant callbackAt) {
    }

    public void insertAll(List<NewLead> leads, Instant now) {
        template.batchUpdate("""
                        insert into lead (campaign_id, agent_id, phone, name, priority, timezone, attributes,
                                          status, attempts, created_at, alt_phones, callback_at, next_attempt_at)
                        values (?, ?, ?, ?, ?, ?, ?, 'NEW', 0, ?, ?, ?, ?)""",
                leads, 1000, (ps, lead) -> {
                    ps.setString(1, lead.campaignId());
                    ps.setString(2, lead.agentId());
                    ps.setString(3, lead.phone());
                    ps.setString(4, lead.name());
                    ps.setInt(5, lead.priority());
                    ps.setString(6, lead.timezone());
                    ps.setString(7, lead.attributes());
                    ps.setTimestamp(8, timestamp(now));
                    ps.setString(9, lead.altPhones().isEmpty() ? null : String.join(",", lead.altPhones()));
                    ps.setTimestamp(10, timestamp(lead.callbackAt()));
                    ps.setTimestamp(11, timestamp(lead.callbackAt()));
                });
    }

    public Set<String> phonesOf(String campaignId) {
        return new HashSet<>(jdbc.sql("select phone from lead where campaign_id = ?").param(campaignId)
                .query(String.class).list());
    }

    public Optional<Lead> find(long id) {
        return jdbc.sql("select * from lead where id = ?").param(id).query(LeadRepository::map).optional();
    }

    public List<Lead> list(String campaignId, LeadStatus status, int limit) {
        Filters filters = new Filters().equal("campaign_id", campaignId).equal("status", status);
        return jdbc.sql("select * from lead" + filters.where() + " order by id fetch first :limit rows only")
                .params(filters.params())
                .param("limit", limit)
                .query(LeadRepository::map).list();
    }

    /**
     * Up to {@code limit} due leads: the agent's own first, then the campaign pool's, each best priority first.
     * Every query reads one (campaign, agent or pool, status) range of the selection index in order.
     */
    public List<Lead> dueCandidates(String campaignId, String agentId, Instant now, int limit) {
        List<Lead> candidates = new ArrayList<>(dueIn(campaignId, agentId, now, limit));
        if (candidates.size() < limit) {
            candidates.addAll(dueIn(campaignId, null, now, limit - candidates.size()));
        }
        return candidates;
    }

    /**
     * Due leads of one agent, or of the pool (null), best priority first. The order names the index's leading
     * columns too, though they are fixed here: H2 reads the index in order only then, instead of sorting the range.
     */
    private List<Lead> dueIn(String campaignId, String agentId, Instant now, int limit) {
        List<Lead> due = new ArrayList<>();
        for (LeadStatus status : List.of(LeadStatus.NEW, LeadStatus.RETRY)) {
            due.addAll(jdbc.sql("""
                            select * from lead
                             where campaign_id = :campaign and %s and status = :status
                               and (next_attempt_at is null or next_attempt_at <= :now)
                             order by campaign_id, agent_id, status, priority desc, id
                             fetch first :limit rows only""".formatted(agentId == null ? "agent_id is null" : "agent_id = :agent"))
                    .param("campaign", campaignId)
                    .param("status", status.name())
                    .param("now", timestamp(now))
                    .param("limit", limit)
                    .params(agentId == null ? Map.of() : Map.of("agent", agentId))
                    .query(LeadRepository::map).list());
        }
        due.sort(Comparator.comparingInt(Lead::priority).reversed().thenComparingLong(Lead::id));
        return due.size() > limit ? due.subList(0, limit) : due;
    }

    /**
     * How many leads the agent may still be given, own and pool, due or not, counted up to {@code cap} per range:
     * enough for the rules to tell "none" from "some" without counting a million rows.
     */
    public int countDialable(String campaignId, String agentId, int cap) {
        String range = """
                (select id from lead where campaign_id = :campaign and %s and status = '%s'
                  fetch first :cap rows only)""";
        return jdbc.sql("select count(*) from (" + String.join(" union all ",
                        range.formatted("agent_id = :agent", "NEW"), range.formatted("agent_id = :agent", "RETRY"),
                        range.formatted("agent_id is null", "NEW"), range.formatted("agent_id is null", "RETRY"))
                        + ") dialable")
                .param("campaign", campaignId)
                .param("agent", agentId)
                .param("cap", cap)
                .query(Integer.class).single();
    }

    /**
     * Takes the lead for one session, provided it is still as it was when scored: false when another session
     * took it first, or dialled it meanwhile. {@code today} is the lead's local date, for attempts per day. A
     * lead another session is reserving right now is skipped ({@code waitIfLocked} false) or waited for.
     */
    @Transactional
    public boolean reserve(Lead scored, String sessionId, Instant now, LocalDate today, boolean waitIfLocked) {
        boolean unchangedAndFree = jdbc.sql("""
                        select id from lead
                         where id = :id and status in %s and attempts = :attempts
                           and (next_attempt_at is null or next_attempt_at <= :now)
                           for update%s""".formatted(DIALABLE, waitIfLocked ? "" : " skip locked"))
                .param("id", scored.id())
                .param("attempts", scored.attempts())
                .param("now", timestamp(now))
                .query(Long.class).optional().isPresent();
        return unchangedAndFree && jdbc.sql("""
                        update lead set status = 'DIALLING', reserved_by = :session, attempts = attempts + 1,
                                        last_attempt_at = :now,
                                        attempts_today = case when attempts_day = :today then attempts_today + 1
                                                              else 1 end,
                                        attempts_day = :today
                         where id = :id""")
                .param("session", sessionId)
                .param("now", timestamp(now))
                .param("today", today)
                .param("id", scored.id())
                .update() == 1;
    }

    /** A lead not yet screened against the DND registry, with what decides whether it needs to be. */
    public record Unscreened(long id, String phone, LeadStatus status, boolean transactional) {

        public boolean needsLookup() {
            return !transactional && status.isDialable();
        }
    }

    /**
     * The oldest leads not yet screened against the DND registry. The order names dnd_screened too, though it is
     * fixed: H2 then reads lead_unscreened in order instead of sorting every unscreened lead.
     */
    public List<Unscreened> unscreened(int limit) {
        return jdbc.sql("""
                        select l.id, l.phone, l.status, c.transactional
                          from lead l join campaign c on c.id = l.campaign_id
                         where l.dnd_screened = false
                         order by l.dnd_screened, l.id fetch first ? rows only""")
                .param(limit)
                .query(Unscreened.class).list();
    }

    public void screened(long leadId) {
        jdbc.sql("update lead set dnd_screened = true where id = ?").param(leadId).update();
    }

    /** Takes a lead out of dialling for good (DND, do not call), unless a session reserved it meanwhile. */
    public boolean block(long leadId, LeadStatus status) {
        return jdbc.sql("update lead set status = ? where id = ? and status in " + DIALABLE)
                .params(status.name(), leadId)
                .update() == 1;
    }

    /** Hands a campaign's dialable leads of one agent (or of the pool, null) to another agent (or the pool). */
    public int reassign(String campaignId, String fromAgentId, String toAgentId) {
        return jdbc.sql("""
                        update lead set agent_id = :to
                         where campaign_id = :campaign and status in %s
                           and (agent_id = :from or (cast(:from as varchar(64)) is null and agent_id is null))"""
                        .formatted(DIALABLE))
                .param("to", toAgentId)
                .param("campaign", campaignId)
                .param("from", fromAgentId)
                .update();
    }

    /**
     * Records what the last attempt came to and releases the reservation; {@code nextNumber} moves on to the
     * lead's next alternate number.
     */
    public void settle(long leadId, LeadStatus status, String lastOutcome, Instant nextAttemptAt, boolean nextNumber) {
        jdbc.sql("""
                        update lead set status = ?, last_outcome = ?, next_attempt_at = ?, reserved_by = null,
                                        phone_index = phone_index + ?
                         where id = ?""")
                .params(status.name(), lastOutcome, timestamp(nextAttemptAt), nextNumber ? 1 : 0, leadId)
                .update();
    }

    /** The agent asked to call back at {@code callbackAt}: the lead is theirs, due then. */
    public void scheduleCallback(long leadId, String agentId, Instant callbackAt) {
        jdbc.sql("""
                        update lead set status = 'RETRY', agent_id = ?, callback_at = ?, next_attempt_at = ?
                         where id = ?""")
                .params(agentId, timestamp(callbackAt), timestamp(callbackAt), leadId)
                .update();
    }

    private static Lead map(ResultSet rs, int row) throws SQLException {
        return new Lead(rs.getLong("id"), rs.getString("campaign_id"), rs.getString("agent_id"),
                rs.getString("phone"), rs.getString("name"), rs.getInt("priority"), rs.getString("timezone"),
                rs.getString("attributes"), LeadStatus.valueOf(rs.getString("status")), rs.getInt("attempts"),
                rs.getString("last_outcome"), instant(rs.getTimestamp("last_attempt_at")),
                instant(rs.getTimestamp("next_attempt_at")), rs.getString("reserved_by"),
                rs.getString("alt_phones") == null ? List.of() : List.of(rs.getString("alt_phones").split(",")),
                rs.getInt("phone_index"), instant(rs.getTimestamp("callback_at")), rs.getInt("attempts_today"),
                rs.getObject("attempts_day", LocalDate.class));
    }

}
