package io.progressivedialer.campaigns;

import io.progressivedialer.exotel.ConnectSettings;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

@Repository
public class CampaignRepository {

    /** The key of the campaigns read in a transaction, among its resources. */
    private static final Object READ = new Object();

    private final JdbcClient jdbc;

    public CampaignRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void save(Campaign c) {
        forgetReadInThisTransaction(c.id());
        int updated = jdbc.sql("""
                        update campaign set name = ?, caller_id = ?, flow_app_id = ?, timezone = ?,
                               call_window_start = ?, call_window_end = ?, transactional = ?, wrap_up_seconds = ?,
                               max_ring_seconds = ?, max_call_seconds = ?, record_calls = ?, recording_channels = ?,
                               recording_notice = ?, music_on_hold = ?
                         where id = ?""")
                .params(c.name(), c.callerId(), c.flowAppId(), c.timezone().getId(), c.callWindowStart(),
                        c.callWindowEnd(), c.transactional(), c.wrapUpSeconds(), c.connect().maxRingSeconds(),
                        c.connect().maxCallSeconds(), c.connect().record(), c.connect().recordingChannels(),
                        c.connect().recordingNotice(), c.connect().musicOnHold(), c.id())
                .update();
        if (updated == 0) {
            jdbc.sql("""
                            insert into campaign (id, name, caller_id, flow_app_id, timezone, call_window_start,
                                                  call_window_end, transactional, wrap_up_seconds, status,
                                                  max_ring_seconds, max_call_seconds, record_calls,
                                                  recording_channels, recording_notice, music_on_hold)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(c.id(), c.name(), c.callerId(), c.flowAppId(), c.timezone().getId(),
                            c.callWindowStart(), c.callWindowEnd(), c.transactional(), c.wrapUpSeconds(),
                            c.status().name(), c.connect().maxRingSeconds(), c.connect().maxCallSeconds(),
                            c.connect().record(), c.connect().recordingChannels(), c.connect().recordingNotice(),
                            c.connect().musicOnHold())
                    .update();
        }
    }

    public boolean setStatus(String id, CampaignStatus status) {
        forgetReadInThisTransaction(id);
        return jdbc.sql("update campaign set status = ? where id = ?").params(status.name(), id).update() == 1;
    }

    /** The campaign's agents become exactly {@code agentIds}. */
    public void setAgents(String id, Collection<String> agentIds) {
        jdbc.sql("delete from campaign_agent where campaign_id = ?").param(id).update();
        agentIds.forEach(agentId -> addAgent(id, agentId));
    }

    public void addAgent(String id, String agentId) {
        jdbc.sql("""
                        insert into campaign_agent (campaign_id, agent_id)
                        select cast(? as varchar(64)), cast(? as varchar(64))
                         where not exists (select 1 from campaign_agent where campaign_id = ? and agent_id = ?)""")
                .params(id, agentId, id, agentId).update();
    }

    public List<String> agentsOf(String id) {
        return jdbc.sql("select agent_id from campaign_agent where campaign_id = ? order by agent_id").param(id)
                .query(String.class).list();
    }

    public boolean isMember(String id, String agentId) {
        return jdbc.sql("select count(*) from campaign_agent where campaign_id = ? and agent_id = ?")
                .params(id, agentId).query(Integer.class).single() > 0;
    }

    /** The campaigns the agent may dial. */
    public List<Campaign> ofAgent(String agentId) {
        return jdbc.sql("""
                        select c.* from campaign c join campaign_agent m on m.campaign_id = c.id
                         where m.agent_id = ? order by c.id""")
                .param(agentId).query(CampaignRepository::map).list();
    }

    public List<Campaign> list() {
        return jdbc.sql("select * from campaign order by id").query(CampaignRepository::map).list();
    }

    /**
     * The campaign; read once per transaction: a dial-whom's steps (the dialing facts, the selection) each need it,
     * and a change made meanwhile by another transaction reaches the next webhook. Changes made here are seen at once.
     */
    public Optional<Campaign> find(String id) {
        Map<String, Optional<Campaign>> read = readInThisTransaction();
        return read == null ? read(id) : read.computeIfAbsent(id, this::read);
    }

    private Optional<Campaign> read(String id) {
        return jdbc.sql("select * from campaign where id = ?").param(id).query(CampaignRepository::map).optional();
    }

    /** The campaigns read in the transaction going on; null outside one. */
    @SuppressWarnings("unchecked")
    private static Map<String, Optional<Campaign>> readInThisTransaction() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()
                || !TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        Map<String, Optional<Campaign>> read =
                (Map<String, Optional<Campaign>>) TransactionSynchronizationManager.getResource(READ);
        if (read == null) {
            read = new HashMap<>();
            TransactionSynchronizationManager.bindResource(READ, read);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(READ);
                }
            });
        }
        return read;
    }

    private static void forgetReadInThisTransaction(String id) {
        Map<String, Optional<Campaign>> read = readInThisTransaction();
        if (read != null) {
            read.remove(id);
        }
    }

    private static Campaign map(ResultSet rs, int row) throws SQLException {
        return new Campaign(rs.getString("id"), rs.getString("name"), rs.getString("caller_id"),
                rs.getString("flow_app_id"), ZoneId.of(rs.getString("timezone")),
                rs.getTime("call_window_start").toLocalTime(), rs.getTime("call_window_end").toLocalTime(),
                rs.getBoolean("transactional"), rs.getInt("wrap_up_seconds"),
                CampaignStatus.valueOf(rs.getString("status")),
                new ConnectSettings(rs.getInt("max_ring_seconds"), rs.getInt("max_call_seconds"),
                        rs.getBoolean("record_calls"), rs.getString("recording_channels"),
                        rs.getString("recording_notice"), rs.getString("music_on_hold")));
    }
}
