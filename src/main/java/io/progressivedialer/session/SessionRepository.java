package io.progressivedialer.session;

import static io.progressivedialer.common.Timestamps.instant;
import static io.progressivedialer.common.Timestamps.timestamp;

import io.progressivedialer.common.Filters;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

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

    /**
     * Notes that a connect is about to be placed, committed at once whatever becomes of the job placing it; false
     * when an earlier attempt was noted, whose call may be ringing the agent.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public boolean connectRequested(String id, Instant now) {
        return jdbc.sql("update dialer_session set connect_requested_at = ? where id = ? and connect_requested_at is null")
                .params(timestamp(now), id).update() == 1;
    }

    /** The connect found the Exotel API budget spent: the session waits for the next window, asking nothing. */
    public void waitingForBudget(String id, Instant now) {
        jdbc.sql("update dialer_session set budget_wait_since = ? where id = ?").params(timestamp(now), id).update();
    }

    /** Exotel refused the connect without placing it: a later attempt may place it. Committed at once. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void connectNotPlaced(String id) {
        jdbc.sql("update dialer_session set connect_requested_at = null where id = ?").param(id).update();
    }

    /**
     * The agent call Exotel placed, committed at once, so that a re-run of the job finds it; a call the session
     * already knows (from a webhook) is kept. Answers the session's call.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public String connected(String id, String agentCallSid) {
        learnAgentCallSid(id, agentCallSid);
        return jdbc.sql("select agent_call_sid from dialer_session where id = ?").param(id).query(String.class).single();
    }

    /** The session's agent call, learnt from a webhook, unless the connect's answer named it first. */
    public void learnAgentCallSid(String id, String agentCallSid) {
        jdbc.sql("""
                        update dialer_session set agent_call_sid = ?
                         where id = ? and agent_call_sid is null
                           and not exists (select 1 from agent_leg where call_sid = ?)""")
                .params(agentCallSid, id, agentCallSid).update();
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

    /**
     * The agent is now in {@code state} ({@code reason}: why paused): the session row holds the stretch going on, and
     * the one it ends goes to the state log, whole. Nothing changes when the agent is in that state already: answers
     * whether it changed.
     */
    public boolean agentState(String id, AgentState state, String reason, Instant now) {
        return changeAgentState(id, null, state, reason, now);
    }

    /** The customer answered: the agent is on the call, if the call was still ringing (a late popup changes nothing). */
    public boolean customerAnswered(String id, Instant now) {
        return changeAgentState(id, AgentState.DIALLING, AgentState.ON_CALL, null, now);
    }

    private boolean changeAgentState(String id, AgentState from, AgentState state, String reason, Instant now) {
        String changing = " where id = :id and status <> 'ENDED' and (agent_state is null or agent_state <> :state"
                + " or coalesce(pause_reason, '') <> :reason)"
                + (from == null ? "" : " and agent_state = '" + from.name() + "'");
        Map<String, Object> params = Map.of("id", id, "state", state.name(), "reason", reason == null ? "" : reason);
        logStretchEnding(changing, params, now);
        return jdbc.sql("update dialer_session set agent_state = :state, agent_state_since = :now,"
                        + " pause_reason = :pauseReason" + changing)
                .params(params).param("pauseReason", reason).param("now", timestamp(now))
                .update() == 1;
    }

    /** The stretch in the current state of the session {@code where} names, ending {@code now}, to the state log. */
    private void logStretchEnding(String where, Map<String, Object> params, Instant now) {
        jdbc.sql("""
                        insert into agent_state_log (session_id, agent_id, campaign_id, state, reason, started_at,
                                                     ended_at)
                        select id, agent_id, campaign_id, agent_state, pause_reason, agent_state_since, :now
                          from dialer_session""" + where + " and agent_state is not null")
                .params(params).param("now", timestamp(now))
                .update();
    }

    public void end(String id, String reason, Instant now) {
        logStretchEnding(" where id = :id and status <> 'ENDED'", Map.of("id", id), now);
        jdbc.sql("""
                        update dialer_session
                           set status = 'ENDED', end_reason = ?, ended_at = ?, live_agent_id = null,
                               current_lead_id = null, agent_state = null, agent_state_since = ?, pause_reason = null
                         where id = ? and status <> 'ENDED'""")
                .params(reason, timestamp(now), timestamp(now), id)
                .update();
    }

    public Optional<DialerSession> find(String id) {
        return jdbc.sql("select * from dialer_session where id = ?").param(id).query(SessionRepository::map).optional();
    }

    /** The session whose line {@code callSid} is, the current one or one it ended. */
    public Optional<DialerSession> findByAgentCallSid(String callSid) {
        return jdbc.sql("select * from dialer_session where agent_call_sid = ?").param(callSid)
                .query(SessionRepository::map).optional()
                .or(() -> jdbc.sql("""
                                select s.* from dialer_session s join agent_leg l on l.session_id = s.id
                                 where l.call_sid = ?""").param(callSid)
                        .query(SessionRepository::map).optional());
    }

    /** Whether {@code callSid} is a line a session ended to renew it. */
    public boolean isEndedLine(String callSid) {
        return callSid != null && jdbc.sql("select count(*) from agent_leg where call_sid = ?").param(callSid)
                .query(Integer.class).single() > 0;
    }

    /**
     * The session's line ended between calls to be renewed: kept among its ended lines, and the session waits for
     * its next line, which the connect asks for afresh.
     */
    public void lineEnded(String id, Instant now) {
        jdbc.sql("""
                        insert into agent_leg (call_sid, session_id, ended_at)
                        select agent_call_sid, id, ? from dialer_session where id = ? and agent_call_sid is not null""")
                .params(timestamp(now), id).update();
        jdbc.sql("""
                        update dialer_session set agent_call_sid = null, agent_call_status = null,
                                                  connect_requested_at = null, agent_call_asked_at = null,
                                                  line_renewals = line_renewals + 1
                         where id = ?""").param(id).update();
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

    public List<DialerSession> live() {
        return jdbc.sql("select * from dialer_session where live_agent_id is not null").query(SessionRepository::map)
                .list();
    }

    /**
     * Live sessions whose agent's call may have ended unheard: the call is known, its end is not, and neither the
     * agent's state has changed nor has anyone asked Exotel about the call since {@code quietSince}.
     */
    public List<DialerSession> quiet(Instant quietSince) {
        return jdbc.sql("""
                        select * from dialer_session
                         where live_agent_id is not null and agent_call_sid is not null and agent_call_status is null
                           and coalesce(agent_state_since, started_at) < :quietSince
                           and (agent_call_asked_at is null or agent_call_asked_at < :quietSince)""")
                .param("quietSince", timestamp(quietSince))
                .query(SessionRepository::map).list();
    }

    /** Takes asking Exotel about the session's call for this node: only the node that claims it first asks. */
    public boolean claimAskingAboutAgentCall(String id, Instant quietSince, Instant now) {
        return jdbc.sql("""
                        update dialer_session set agent_call_asked_at = ?
                         where id = ? and (agent_call_asked_at is null or agent_call_asked_at < ?)""")
                .params(timestamp(now), id, timestamp(quietSince))
                .update() == 1;
    }

    public List<DialerSession> liveOfCampaign(String campaignId) {
        return jdbc.sql("select * from dialer_session where campaign_id = ? and live_agent_id is not null")
                .param(campaignId).query(SessionRepository::map).list();
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
                instant(rs, "started_at"), instant(rs, "ended_at"),
                rs.getString("agent_state") == null ? null : AgentState.valueOf(rs.getString("agent_state")),
                instant(rs, "agent_state_since"), rs.getString("pause_reason"), instant(rs, "connect_requested_at"),
                rs.getInt("line_renewals"), instant(rs, "budget_wait_since"));
    }
}
