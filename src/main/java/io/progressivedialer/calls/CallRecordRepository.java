package io.progressivedialer.calls;

import static io.progressivedialer.common.Timestamps.instant;
import static io.progressivedialer.common.Timestamps.timestamp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.progressivedialer.common.Filters;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

@Repository
public class CallRecordRepository {

    /** What a selection record may take: its column's size. */
    static final int MAX_SELECTION = 2000;

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    private final DataSource dataSource;

    public CallRecordRepository(JdbcClient jdbc, ObjectMapper json, DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.json = json;
    }

    public record Outcome(String status, String callType, int dialCallDuration, int conversationSeconds,
                          String recordingUrl, Instant recordingAvailableBy, String causeCode, String cause,
                          String leadStatus, boolean countsAsContact) {
    }

    /**
     * Opens the record of a call dialled in answer to the dial-whom request {@code dialRequest}, with why its lead
     * was chosen.
     */
    public long insertDialled(String sessionId, long leadId, String agentCallSid, String number, String dialRequest,
                              CallSelection selection, Instant now) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into call_record (session_id, lead_id, agent_call_sid, number, dial_request, status,
                                                 dialled_at, selection, agent_id, campaign_id)
                        select ?, ?, ?, ?, ?, 'dialling', ?, ?, s.agent_id, s.campaign_id
                          from dialer_session s where s.id = ?""")
                .params(sessionId, leadId, agentCallSid, number, dialRequest, timestamp(now), toJson(selection),
                        sessionId)
                .update(key, "id");
        return key.getKey().longValue();
    }

    public Optional<CallRecord> find(long id) {
        return jdbc.sql("select * from call_record where id = ?").param(id).query(this::map).optional();
    }

    /** The calls an agent made on a campaign between two instants, oldest first. */
    public List<CallRecord> ofAgent(String campaignId, String agentId, Instant from, Instant until, int limit) {
        return jdbc.sql("""
                        select c.* from call_record c join dialer_session s on s.id = c.session_id
                         where s.campaign_id = :campaign and s.agent_id = :agent
                           and c.dialled_at >= :from and c.dialled_at < :until
                         order by c.id fetch first :limit rows only""")
                .param("campaign", campaignId).param("agent", agentId)
                .param("from", timestamp(from)).param("until", timestamp(until)).param("limit", limit)
                .query(this::map).list();
    }

    /** The lead's latest call. */
    public Optional<CallRecord> latestOfLead(long leadId) {
        return jdbc.sql("select * from call_record where lead_id = ? order by id desc fetch first 1 rows only")
                .param(leadId).query(this::map).optional();
    }

    /** The session's latest call. */
    public Optional<CallRecord> latestOfSession(String sessionId) {
        return jdbc.sql("""
                        select * from call_record where session_id = ? order by id desc fetch first 1 rows only""")
                .param(sessionId).query(this::map).optional();
    }

    /** The session's latest call to this number. */
    public Optional<CallRecord> latest(String sessionId, String number) {
        return jdbc.sql("""
                        select * from call_record where session_id = ? and number = ?
                         order by id desc fetch first 1 rows only""")
                .params(sessionId, number)
                .query(this::map).optional();
    }

    /**
     * The call that answered this dial-whom request and has no outcome yet: Exotel is asking again because our
     * answer did not reach it. Once the call has its outcome, a request at the same time is a new one.
     */
    public Optional<CallRecord> openForDialRequest(String sessionId, String dialRequest) {
        if (dialRequest == null) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        select * from call_record where session_id = ? and dial_request = ? and outcome_at is null
                         order by id desc fetch first 1 rows only""")
                .params(sessionId, dialRequest)
                .query(this::map).optional();
    }

    public List<CallRecord> withoutOutcome(String sessionId) {
        return jdbc.sql("select * from call_record where session_id = ? and outcome_at is null order by id")
                .param(sessionId)
                .query(this::map).list();
    }

    /** A live call's stages, in the order a call goes through them. */
    private static final List<String> STAGES = List.of("dialling", "ringing", "answered", "ended");

    /**
     * Follows a live call, never backwards: a popup that arrives late (Ringing after Answered) changes nothing, and a
     * call whose outcome is known keeps it. True when the call moved on.
     */
    public boolean progress(long id, String status, Instant answeredAt) {
        return jdbc.sql("""
                        update call_record set status = :status, answered_at = coalesce(answered_at, :answered)
                         where id = :id and outcome_at is null
                           and case status when 'dialling' then 0 when 'ringing' then 1 when 'answered' then 2
                                           else 3 end <= :stage""")
                .param("status", status)
                .param("answered", timestamp(answeredAt))
                .param("id", id)
                .param("stage", STAGES.indexOf(status))
                .update() == 1;
    }

    /** Records the outcome once; false when the call had one already. */
    public boolean recordOutcome(long id, Outcome outcome, Instant now) {
        return jdbc.sql("""
                        update call_record set status = ?, call_type = ?, dial_call_duration = ?,
                               conversation_seconds = ?, recording_url = ?, recording_available_by = ?,
                               cause_code = ?, cause = ?, lead_status = ?, counts_as_contact = ?, outcome_at = ?
                         where id = ? and outcome_at is null""")
                .params(outcome.status(), outcome.callType(), outcome.dialCallDuration(),
                        outcome.conversationSeconds(), outcome.recordingUrl(),
                        outcome.recordingAvailableBy() == null ? null : timestamp(outcome.recordingAvailableBy()),
                        outcome.causeCode(), outcome.cause(), outcome.leadStatus(), outcome.countsAsContact(),
                        timestamp(now), id)
                .update() == 1;
    }

    public void dispose(long id, String agentOutcome, String notes) {
        jdbc.sql("update call_record set agent_outcome = ?, notes = ? where id = ?").params(agentOutcome, notes, id).update();
    }

    /** The agent of the session that made the call. */
    public String agentOf(long id) {
        return jdbc.sql("select s.agent_id from call_record c join dialer_session s on s.id = c.session_id where c.id = ?")
                .param(id).query(String.class).single();
    }

    /**
     * Which calls: of a session, a lead, an agent, a campaign, dialled from (inclusive) until (exclusive) two
     * instants; null: any.
     */
    public record CallSearch(String sessionId, Long leadId, String agentId, String campaignId, Instant from,
                             Instant until) {

        public static CallSearch of(String sessionId, Long leadId) {
            return new CallSearch(sessionId, leadId, null, null, null, null);
        }

        Filters filters() {
            return new Filters().equal("session_id", sessionId).equal("lead_id", leadId).equal("agent_id", agentId)
                    .equal("campaign_id", campaignId).notBefore("dialled_at", from).before("dialled_at", until);
        }
    }

    /**
     * Calls matching the search. Only the filters given are in the statement, so that
     * a lead's history, read for every popup, is one lookup in {@code call_record_lead} however many calls exist.
     * In the order they were dialled, or the newest first (the floor's list of the latest calls).
     */
    public List<CallRecord> list(CallSearch search, int limit, boolean newestFirst) {
        Filters filters = search.filters();
        return jdbc.sql("select * from call_record" + filters.where() + " order by id" + (newestFirst ? " desc" : "")
                        + " fetch first :limit rows only")
                .params(filters.params())
                .param("limit", limit)
                .query(this::map).list();
    }

    /**
     * Hands up to {@code limit} call records to {@code each} in order, read from the database a batch at a time, so
     * that an export of any length never sits in memory whole.
     */
    @Transactional(readOnly = true)
    public void forEach(CallSearch search, int limit, boolean newestFirst, Consumer<CallRecord> each) {
        Filters filters = search.filters();
        JdbcTemplate batches = new JdbcTemplate(dataSource);
        batches.setFetchSize(500);
        batches.setMaxRows(limit);
        new NamedParameterJdbcTemplate(batches).query("select * from call_record" + filters.where() + " order by id"
                        + (newestFirst ? " desc" : ""),
                filters.params(), (ResultSet rs) -> {
                    each.accept(map(rs, rs.getRow()));
                });
    }

    private CallRecord map(ResultSet rs, int row) throws SQLException {
        return new CallRecord(rs.getLong("id"), rs.getString("session_id"), rs.getLong("lead_id"),
                rs.getString("agent_call_sid"), rs.getString("number"), rs.getString("status"),
                rs.getString("call_type"), (Integer) rs.getObject("dial_call_duration", Integer.class),
                rs.getObject("conversation_seconds", Integer.class), rs.getString("recording_url"),
                instant(rs, "recording_available_by"), rs.getString("cause_code"), rs.getString("cause"),
                rs.getString("lead_status"),
                rs.getObject("counts_as_contact", Boolean.class), instant(rs, "dialled_at"),
                instant(rs, "answered_at"), instant(rs, "outcome_at"),
                rs.getString("agent_outcome"), rs.getString("notes"), selection(rs.getString("selection")),
                rs.getString("agent_id"), rs.getString("campaign_id"));
    }


    /** As JSON, its rules cut short from the end when they would not fit the column. */
    private String toJson(CallSelection selection) {
        if (selection == null) {
            return null;
        }
        try {
            CallSelection fitting = selection;
            String text = json.writeValueAsString(fitting);
            while (text.length() > MAX_SELECTION && !fitting.rules().isEmpty()) {
                fitting = fitting.withFewerRules();
                text = json.writeValueAsString(fitting);
            }
            return text;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private CallSelection selection(String text) {
        try {
            return text == null ? null : json.readValue(text, CallSelection.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable selection record: " + text, e);
        }
    }
}
