package io.progressivedialer.lead;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class CampaignRepository {

    private final JdbcClient jdbc;

    public CampaignRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void save(Campaign c) {
        int updated = jdbc.sql("""
                        update campaign set name = ?, caller_id = ?, flow_app_id = ?, timezone = ?,
                               call_window_start = ?, call_window_end = ?, transactional = ?
                         where id = ?""")
                .params(c.name(), c.callerId(), c.flowAppId(), c.timezone().getId(), c.callWindowStart(),
                        c.callWindowEnd(), c.transactional(), c.id())
                .update();
        if (updated == 0) {
            jdbc.sql("""
                            insert into campaign (id, name, caller_id, flow_app_id, timezone, call_window_start,
                                                  call_window_end, transactional)
                            values (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(c.id(), c.name(), c.callerId(), c.flowAppId(), c.timezone().getId(),
                            c.callWindowStart(), c.callWindowEnd(), c.transactional())
                    .update();
        }
    }

    public List<Campaign> list() {
        return jdbc.sql("select * from campaign order by id").query(CampaignRepository::map).list();
    }

    public Optional<Campaign> find(String id) {
        return jdbc.sql("select * from campaign where id = ?").param(id).query(CampaignRepository::map).optional();
    }

    private static Campaign map(ResultSet rs, int row) throws SQLException {
        return new Campaign(rs.getString("id"), rs.getString("name"), rs.getString("caller_id"),
                rs.getString("flow_app_id"), ZoneId.of(rs.getString("timezone")),
                rs.getTime("call_window_start").toLocalTime(), rs.getTime("call_window_end").toLocalTime(),
                rs.getBoolean("transactional"));
    }
}
