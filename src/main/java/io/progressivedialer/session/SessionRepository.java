package io.progressivedialer.session;

import static io.progressivedialer.common.Timestamps.instant;
import static io.progressivedialer.common.Timestamps.timestamp;

import io.progressivedialer.common.Filters;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class SessionRepository {

    private final JdbcClient jdbc;

    public SessionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(String id, String agentId, String campaignId, Instant now) {
        jdbc.sql("""
                        insert into dialer_session (id, agent_id, campaign_id, live_agent_id, status, started_at)
                        values (?, ?, ?, ?, 'CONNECTING', ?)""")
                .params(id, agentId, campaignId, agentId, timestamp(now))
                .update();
    }

    public void attachProcess(String id, String processInstanceId) {
        jdbc.sql("update dialer_session set process_instance_id = ? where id = ?").params(processInstanceId, id).update();
    }

    public void connected(String id, String agentCallSid) {
        jdbc.sql("update dialer_session set agent_call_sid = ? where id = ?").params(agentCallSid, id).update();
    }

    public void leadDialled(String id, long leadId) {
        jdbc.sql("""
                        update dialer_session
                           set calls_made = calls_made + 1, current_lead_id = ?,
                               status = case when status = 'CONNECTING' then 'ACTIVE' else status end
                         where id = ?""")
                .params(leadId, id)
                .update();
    }

    public void windDown(String id) {
        jdbc.sql("update dialer_session set status = 'STOPPING' where id = ? and status <> 'ENDED'").param(id).update();
    }

    public void agentLegEnded(String id, String agentCallStatus) {
        jdbc.sql("update dialer_session set agent_call_status = ? where id = ?").params(agentCallStatus, id).update();
    }

    public void end(String id, String reason, Instant now) {
        jdbc.sql("""
                        update dialer_session
                           set status = 'ENDED', end_reason = ?, ended_at = ?, live_agent_id = null,
                               current_lead_id = null
                         where id = ?""")
                .params(reason, timestamp(now), id)
                .update();
    }

    public Optional<DialerSession> find(String id) {
        return jdbc.sql("select * from dialer_session where id = ?").param(id).query(SessionRepository::map).optional();
    }

    public Optional<DialerSession> findByAgentCallSid(String callSid) {
        return jdbc.sql("select * from dialer_session where agent_call_sid = ?").param(callSid)
                .query(SessionRepository::map).optional();
    }

    public Optional<DialerSession> findLiveByAgent(String agentId) {
        return jdbc.sql("select * from dialer_session where live_agent_id = ?").param(agentId)
                .query(SessionRepository::map).optional();
    }

    public Optional<DialerSession> findLiveByAgentPhone(String phone) {
        return jdbc.sql("""
                        select s.* from dialer_session s join agent a on a.id = s.live_agent_id
                         where a.phone = ?""")
                .param(phone)
                .query(SessionRepository::map).optional();
    }

    public List<DialerSession> list(String agentId, SessionStatus status, int limit) {
        Filters filters = new Filters().equal("status", status).equal("agent_id", agentId);
        return jdbc.sql("select * from dialer_session" + filters.where()
                        + " order by started_at desc, id fetch first :limit rows only")
                .params(filters.params())
                .param("limit", limit)
                .query(SessionRepository::map).list();
    }

    private static DialerSession map(ResultSet rs, int row) throws SQLException {
        return new DialerSession(rs.getString("id"), rs.getString("agent_id"), rs.getString("campaign_id"),
                rs.getString("process_instance_id"), rs.getString("agent_call_sid"),
                rs.getString("agent_call_status"), SessionStatus.valueOf(rs.getString("status")),
                rs.getString("end_reason"), rs.getInt("calls_made"), rs.getObject("current_lead_id", Long.class),
                instant(rs.getTimestamp("started_at")), instant(rs.getTimestamp("ended_at")));
    }
}
