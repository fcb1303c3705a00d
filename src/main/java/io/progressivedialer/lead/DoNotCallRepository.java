package io.progressivedialer.lead;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static io.progressivedialer.common.Timestamps.instant;
import static io.progressivedialer.common.Timestamps.timestamp;

/** The dialer's own do-not-call list: numbers no campaign may dial. */
@Repository
public class DoNotCallRepository {

    public record Entry(String phone, String reason, Instant createdAt) {
    }

    private final JdbcClient jdbc;

    public DoNotCallRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void add(String phone, String reason, Instant now) {
        int updated = jdbc.sql("update do_not_call set reason = ? where phone = ?").params(reason, phone).update();
        if (updated == 0) {
            jdbc.sql("insert into do_not_call (phone, reason, created_at) values (?, ?, ?)")
                    .params(phone, reason, timestamp(now))
                    .update();
        }
    }

    public boolean remove(String phone) {
        return jdbc.sql("delete from do_not_call where phone = ?").param(phone).update() == 1;
    }

    public boolean contains(String phone) {
        return jdbc.sql("select count(*) from do_not_call where phone = ?").param(phone).query(Integer.class).single() > 0;
    }

    public List<Entry> list(int limit) {
        return jdbc.sql("select * from do_not_call order by created_at, phone fetch first :limit rows only")
                .param("limit", limit)
                .query((rs, row) -> new Entry(rs.getString("phone"), rs.getString("reason"),
                        instant(rs, "created_at")))
                .list();
    }
}
