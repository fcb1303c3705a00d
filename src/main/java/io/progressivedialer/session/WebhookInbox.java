package io.progressivedialer.session;

import static io.progressivedialer.common.Timestamps.timestamp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The webhook inbox: what Exotel sent, stored before it is acted on, and what became of it. */
@Repository
public class WebhookInbox {

    /**
     * RECEIVED: stored, being applied; APPLIED; PENDING: its session could not take it yet; UNMATCHED: no session
     * or call of ours; FAILED: applying it failed, kept for inspection.
     */
    public enum State { RECEIVED, APPLIED, PENDING, UNMATCHED, FAILED }

    public record Entry(long id, String kind, String sessionId, String payload, int attempts) {
    }

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    WebhookInbox(JdbcClient jdbc, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /** Stores the webhook; empty when one with the same key was stored before: a duplicate. */
    Optional<Long> receive(String kind, String key, String sessionId, Object payload) {
        GeneratedKeyHolder id = new GeneratedKeyHolder();
        try {
            jdbc.sql("""
                            insert into webhook_inbox (kind, idempotency_key, session_id, payload, state, received_at)
                            values (?, ?, ?, ?, 'RECEIVED', ?)""")
                    .params(kind, key, sessionId, toJson(payload), timestamp(clock.instant()))
                    .update(id, "id");
            return Optional.of(id.getKey().longValue());
        } catch (DuplicateKeyException duplicate) {
            return Optional.empty();
        }
    }

    /** Keeps a webhook that matches no session or call, for inspection. */
    void keepUnmatched(String kind, Object payload, String why) {
        jdbc.sql("""
                        insert into webhook_inbox (kind, payload, state, detail, received_at)
                        values (?, ?, 'UNMATCHED', ?, ?)""")
                .params(kind, toJson(payload), why, timestamp(clock.instant()))
                .update();
    }

    void mark(long id, State state, String detail) {
        jdbc.sql("""
                        update webhook_inbox set state = ?, detail = ?, attempts = attempts + 1,
                               applied_at = case when ? = 'APPLIED' then ? else applied_at end
                         where id = ?""")
                .params(state.name(), detail, state.name(), timestamp(clock.instant()), id)
                .update();
    }

    /**
     * What waits to be applied: PENDING webhooks, and RECEIVED ones older than {@code orphanedBefore}, whose
     * application died with the process that took them (a crash between storing and applying).
     */
    List<Entry> pending(Instant orphanedBefore, int limit) {
        return jdbc.sql("""
                        select id, kind, session_id, payload, attempts from webhook_inbox
                         where state = 'PENDING' or (state = 'RECEIVED' and received_at < ?)
                         order by id fetch first ? rows only""")
                .params(timestamp(orphanedBefore), limit)
                .query(Entry.class).list();
    }

    public int count(String kind, State state) {
        return jdbc.sql("select count(*) from webhook_inbox where kind = ? and state = ?")
                .params(kind, state.name()).query(Integer.class).single();
    }

    <T> T read(Entry entry, Class<T> type) {
        try {
            return json.readValue(entry.payload(), type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("inbox entry " + entry.id() + " is unreadable", e);
        }
    }

    private String toJson(Object payload) {
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
