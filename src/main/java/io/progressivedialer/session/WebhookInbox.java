package io.progressivedialer.session;

import static io.progressivedialer.common.Timestamps.instant;
import static io.progressivedialer.common.Timestamps.timestamp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The webhook inbox: what Exotel sent, stored before it is acted on, and what became of it. */
@Repository
public class WebhookInbox {

    /**
     * APPLIED: stored in the transaction that applied it; PENDING: its session could not take it yet; RETRYING:
     * applying it failed, tried again later; APPLYING: being applied by the sweep; UNMATCHED: no session or call of
     * ours; FAILED: given up on, kept for inspection; RECEIVED: stored by an earlier version before applying.
     */
    public enum State { RECEIVED, APPLIED, PENDING, UNMATCHED, FAILED, RETRYING, APPLYING }

    /** The size of the detail column: a longer failure message is cut, so that marking never fails. */
    static final int MAX_DETAIL = 1000;

    public record Entry(long id, String kind, String sessionId, String payload, int attempts, String state,
                        Instant receivedAt) {
    }

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Clock clock;
    private final int maxUnmatched;
    private final Counter unmatchedDropped;

    WebhookInbox(JdbcClient jdbc, ObjectMapper json, Clock clock, MeterRegistry meters,
                 @Value("${dialer.inbox.max-unmatched:1000}") int maxUnmatched) {
        this.maxUnmatched = maxUnmatched;
        this.unmatchedDropped = Counter.builder("dialer.inbox.unmatched.dropped")
                .description("webhooks that matched no session, answered 404 but not kept: dialer.inbox.max-unmatched "
                        + "were kept in the past hour")
                .register(meters);
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        Gauge.builder("dialer.inbox.failed", () -> jdbc.sql("select count(*) from webhook_inbox where state = 'FAILED'")
                        .query(Integer.class).single())
                .description("webhooks given up on after dialer.inbox.retry-for: see webhook_inbox, state FAILED")
                .register(meters);
    }

    /**
     * Stores the webhook in {@code state}: APPLIED in the transaction that applies it, PENDING when its session
     * cannot take it yet. Empty when one with the same key was stored before: a duplicate. A duplicate arriving at
     * the same moment from another request fails on the key's uniqueness instead ({@link DuplicateKeyException}).
     */
    Optional<Long> receive(String kind, String key, String sessionId, Object payload, State state) {
        Instant now = clock.instant();
        GeneratedKeyHolder id = new GeneratedKeyHolder();
        int stored = jdbc.sql("""
                        insert into webhook_inbox (kind, idempotency_key, session_id, payload, state, received_at,
                                                   applied_at)
                        select ?, ?, ?, ?, ?, ?, ? where not exists (select 1 from webhook_inbox where idempotency_key = ?)""")
                .params(kind, key, sessionId, toJson(payload), state.name(), timestamp(now),
                        state == State.APPLIED ? timestamp(now) : null, key)
                .update(id, "id");
        return stored == 0 ? Optional.empty() : Optional.of(id.getKey().longValue());
    }

    /**
     * Keeps a webhook that matches no session or call, for inspection: at most {@code maxUnmatched} an hour, so that
     * anyone who learnt the webhook key cannot fill the database. Beyond that it is counted
     * ({@code dialer_inbox_unmatched_dropped_total}) and only answered.
     */
    void keepUnmatched(String kind, Object payload, String why) {
        Instant now = clock.instant();
        int kept = jdbc.sql("""
                        insert into webhook_inbox (kind, payload, state, detail, received_at)
                        select ?, ?, 'UNMATCHED', ?, ?
                         where (select count(*) from webhook_inbox where state = 'UNMATCHED' and received_at > ?) < ?""")
                .params(kind, toJson(payload), why, timestamp(now), timestamp(now.minus(Duration.ofHours(1))),
                        maxUnmatched)
                .update();
        if (kept == 0) {
            unmatchedDropped.increment();
        }
    }

    void mark(long id, State state, String detail) {
        mark(id, state, detail, null);
    }

    private void mark(long id, State state, String detail, Instant nextAttemptAt) {
        jdbc.sql("""
                        update webhook_inbox set state = ?, detail = ?, attempts = attempts + 1, next_attempt_at = ?,
                               applied_at = case when ? = 'APPLIED' then ? else applied_at end
                         where id = ?""")
                .params(state.name(), detail == null || detail.length() <= MAX_DETAIL ? detail
                                : detail.substring(0, MAX_DETAIL), timestamp(nextAttemptAt), state.name(),
                        timestamp(clock.instant()), id)
                .update();
    }

    /**
     * Applying the entry failed: tried again after a pause that doubles with each failure (at most a minute), until
     * {@code retryFor} after it arrived; then given up on as FAILED. Answers whether it was given up on.
     */
    boolean failed(Entry entry, String detail, Duration retryFor) {
        return tryAgainLater(entry.id(), State.RETRYING, entry.attempts(), entry.receivedAt(), detail, retryFor);
    }

    /**
     * Its session could not take the webhook (it waits for something else): kept PENDING and asked again after a
     * pause that doubles with each try, at most a minute, so that webhooks a session never takes do not hold up the
     * ones behind them; given up on as FAILED {@code retryFor} after it arrived. Answers whether it was given up on.
     */
    boolean keepPending(long id, String detail, Duration retryFor) {
        Map<String, Object> entry = jdbc.sql("select attempts, received_at from webhook_inbox where id = ?").param(id)
                .query().singleRow();
        return tryAgainLater(id, State.PENDING, ((Number) entry.get("attempts")).intValue(),
                ((java.sql.Timestamp) entry.get("received_at")).toInstant(), detail, retryFor);
    }

    /**
     * Kept in {@code state} until a pause that doubles with each attempt (at most a minute) is over, or given up on as
     * FAILED once {@code retryFor} has passed since the webhook arrived. Answers whether it was given up on.
     */
    private boolean tryAgainLater(long id, State state, int attempts, Instant receivedAt, String detail,
                                  Duration retryFor) {
        Instant now = clock.instant();
        if (receivedAt.plus(retryFor).isBefore(now)) {
            mark(id, State.FAILED, detail);
            return true;
        }
        mark(id, state, detail, now.plusSeconds(Math.min(60, 1L << Math.min(attempts, 6))));
        return false;
    }

    /**
     * What waits to be applied: PENDING webhooks, RETRYING ones whose pause is over, and RECEIVED or APPLYING ones
     * older than {@code orphanedBefore}, whose application died with the process that took them. One index range per
     * state: the inbox keeps every webhook applied, and one condition over all states would read them all each round.
     */
    List<Entry> pending(Instant orphanedBefore, int limit) {
        return jdbc.sql("""
                        select id, kind, session_id, payload, attempts, state, received_at from (
                            select * from webhook_inbox where state = 'PENDING'
                               and (next_attempt_at is null or next_attempt_at <= :now)
                            union all
                            select * from webhook_inbox where state = 'RETRYING' and next_attempt_at <= :now
                            union all
                            select * from webhook_inbox where state = 'RECEIVED' and received_at < :orphaned
                            union all
                            select * from webhook_inbox where state = 'APPLYING' and next_attempt_at < :orphaned
                        ) waiting
                         order by id fetch first :limit rows only""")
                .param("now", timestamp(clock.instant()))
                .param("orphaned", timestamp(orphanedBefore))
                .param("limit", limit)
                .query((rs, row) -> new Entry(rs.getLong("id"), rs.getString("kind"), rs.getString("session_id"),
                        rs.getString("payload"), rs.getInt("attempts"), rs.getString("state"),
                        instant(rs, "received_at")))
                .list();
    }

    /**
     * Takes the entry for this node, if it is still as read: only one node applies it, whichever claims it first;
     * the others move on to the next.
     */
    boolean claim(Entry entry) {
        return jdbc.sql("update webhook_inbox set state = 'APPLYING', next_attempt_at = ? where id = ? and state = ?")
                .params(timestamp(clock.instant()), entry.id(), entry.state())
                .update() == 1;
    }

    /** A kept webhook as a supervisor reads it: what arrived, when, and what became of it. */
    public record Kept(long id, String kind, String sessionId, String state, String detail, int attempts,
                       Instant receivedAt, @com.fasterxml.jackson.annotation.JsonRawValue String payload) {
    }

    /** The newest webhooks in {@code state}, the newest first. */
    public List<Kept> kept(State state, int limit) {
        return jdbc.sql("""
                        select id, kind, session_id, state, detail, attempts, received_at, payload from webhook_inbox
                         where state = ? order by received_at desc, id desc fetch first ? rows only""")
                .params(state.name(), limit)
                .query((rs, row) -> new Kept(rs.getLong("id"), rs.getString("kind"), rs.getString("session_id"),
                        rs.getString("state"), rs.getString("detail"), rs.getInt("attempts"),
                        instant(rs, "received_at"), rs.getString("payload")))
                .list();
    }

    /**
     * A webhook given up on, tried once more now by the sweep (whichever node claims it): if it fails again it is
     * FAILED again. False when it is not FAILED.
     */
    public boolean retry(long id) {
        return jdbc.sql("""
                        update webhook_inbox set state = 'RETRYING', next_attempt_at = ?
                         where id = ? and state = 'FAILED'""").params(timestamp(clock.instant()), id).update() == 1;
    }

    public boolean exists(long id) {
        return jdbc.sql("select count(*) from webhook_inbox where id = ?").param(id).query(Integer.class).single() > 0;
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
