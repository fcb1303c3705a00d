package io.progressivedialer.desk;

import static io.progressivedialer.common.Timestamps.timestamp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.progressivedialer.common.JsonFit;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the screens are to be shown, in the database: written in the transaction of the change that raised it, so
 * that a rollback shows nothing, and read by every node for the screens connected to it.
 */
@Repository
class DeskEvents {

    /** The column's size: a longer card loses the oldest of its call history first. */
    static final int MAX_PAYLOAD = 16000;

    record Event(long id, String agentId, String event, String payload) {
    }

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    DeskEvents(JdbcClient jdbc, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    void append(String agentId, String event, Object payload) {
        jdbc.sql("insert into desk_event (agent_id, event, payload, created_at) values (?, ?, ?, ?)")
                .params(agentId, event, JsonFit.within(json.valueToTree(payload), MAX_PAYLOAD),
                        timestamp(clock.instant()))
                .update();
    }

    long last() {
        return jdbc.sql("select coalesce(max(id), 0) from desk_event").query(Long.class).single();
    }

    List<Event> after(long id, int limit) {
        return jdbc.sql("select id, agent_id, event, payload from desk_event where id > ? order by id fetch first ? rows only")
                .params(id, limit)
                .query(Event.class).list();
    }

    List<Event> withIds(Collection<Long> ids) {
        return jdbc.sql("select id, agent_id, event, payload from desk_event where id in (:ids) order by id")
                .param("ids", ids)
                .query(Event.class).list();
    }

    /**
     * This node's open screens now, given those it announced before: the ones closed since are removed, the ones
     * opened added, and the rest marked as seen now, in one statement each.
     */
    @Transactional
    void announce(String nodeId, Set<String> open, Set<String> announcedBefore) {
        Instant now = clock.instant();
        Set<String> closed = new HashSet<>(announcedBefore);
        closed.removeAll(open);
        if (!closed.isEmpty()) {
            jdbc.sql("delete from desk_screen where node_id = :node and agent_id in (:agents)")
                    .param("node", nodeId).param("agents", closed).update();
        }
        jdbc.sql("update desk_screen set seen_at = ? where node_id = ?").params(timestamp(now), nodeId).update();
        for (String agentId : open) {
            if (!announcedBefore.contains(agentId)) {
                jdbc.sql("insert into desk_screen (node_id, agent_id, seen_at) values (?, ?, ?)")
                        .params(nodeId, agentId, timestamp(now)).update();
            }
        }
    }

    /** The agents (and '' for the wallboard) with a screen open on any live node. */
    Set<String> watched(Duration liveWithin) {
        return new HashSet<>(jdbc.sql("select distinct agent_id from desk_screen where seen_at > ?")
                .param(timestamp(clock.instant().minus(liveWithin))).query(String.class).list());
    }

    int deleteBefore(Instant before) {
        return jdbc.sql("delete from desk_event where created_at < ?").param(timestamp(before)).update();
    }
}
