package io.progressivedialer.lead;

import static io.progressivedialer.common.Timestamps.instant;
import static io.progressivedialer.common.Timestamps.timestamp;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class LeadRepository {

    private static final String DIALABLE = "('NEW', 'RETRY')";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    public LeadRepository(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    public record NewLead(String campaignId, String agentId, String phone, String name, int priority,
                          String timezone, String attributes) {
    }

    public void insertAll(List<NewLead> leads, Instant now) {
        template.batchUpdate("""
                        insert into lead (campaign_id, agent_id, phone, name, priority, timezone, attributes,
                                          status, attempts, created_at)
                        values (?, ?, ?, ?, ?, ?, ?, 'NEW', 0, ?)""",
                leads, 1000, (ps, lead) -> {
                    ps.setString(1, lead.campaignId());
                    ps.setString(2, lead.agentId());
                    ps.setString(3, lead.phone());
                    ps.setString(4, lead.name());
                    ps.setInt(5, lead.priority());
                    ps.setString(6, lead.timezone());
                    ps.setString(7, lead.attributes());
                    ps.setTimestamp(8, timestamp(now));
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
        return jdbc.sql("""
                        select * from lead
                         where (cast(:campaign as varchar(64)) is null or campaign_id = :campaign)
                           and (cast(:status as varchar(16)) is null or status = :status)
                         order by id
                         fetch first :limit rows only""")
                .param("campaign", campaignId)
                .param("status", status == null ? null : status.name())
                .param("limit", limit)
                .query(LeadRepository::map).list();
    }

    /** The agent's own due leads first, then the campaign pool's, best priority first. */
    public List<Lead> dueCandidates(String campaignId, String agentId, Instant now, int limit) {
        return jdbc.sql("""
                        select * from lead
                         where campaign_id = :campaign and status in %s
                           and (agent_id = :agent or agent_id is null)
                           and (next_attempt_at is null or next_attempt_at <= :now)
                         order by case when agent_id is null then 1 else 0 end, priority desc, id
                         fetch first :limit rows only""".formatted(DIALABLE))
                .param("campaign", campaignId)
                .param("agent", agentId)
                .param("now", timestamp(now))
                .param("limit", limit)
                .query(LeadRepository::map).list();
    }

    public int countDialable(String campaignId, String agentId) {
        return jdbc.sql("""
                        select count(*) from lead
                         where campaign_id = :campaign and status in %s
                           and (agent_id = :agent or agent_id is null)""".formatted(DIALABLE))
                .param("campaign", campaignId)
                .param("agent", agentId)
                .query(Integer.class).single();
    }

    /**
     * Takes the lead for one session, provided it is still as it was when scored: false when another session
     * took it first, or dialled it meanwhile.
     */
    public boolean reserve(Lead scored, String sessionId, Instant now) {
        return jdbc.sql("""
                        update lead set status = 'DIALLING', reserved_by = ?, attempts = attempts + 1,
                                        last_attempt_at = ?
                         where id = ? and status in %s and attempts = ?
                           and (next_attempt_at is null or next_attempt_at <= ?)""".formatted(DIALABLE))
                .params(sessionId, timestamp(now), scored.id(), scored.attempts(), timestamp(now))
                .update() == 1;
    }

    /** Records what the last attempt came to and releases the reservation. */
    public void settle(long leadId, LeadStatus status, String lastOutcome, Instant nextAttemptAt) {
        jdbc.sql("""
                        update lead set status = ?, last_outcome = ?, next_attempt_at = ?, reserved_by = null
                         where id = ?""")
                .params(status.name(), lastOutcome, timestamp(nextAttemptAt),
                        leadId)
                .update();
    }

    private static Lead map(ResultSet rs, int row) throws SQLException {
        return new Lead(rs.getLong("id"), rs.getString("campaign_id"), rs.getString("agent_id"),
                rs.getString("phone"), rs.getString("name"), rs.getInt("priority"), rs.getString("timezone"),
                rs.getString("attributes"), LeadStatus.valueOf(rs.getString("status")), rs.getInt("attempts"),
                rs.getString("last_outcome"), instant(rs.getTimestamp("last_attempt_at")),
                instant(rs.getTimestamp("next_attempt_at")), rs.getString("reserved_by"));
    }

}
