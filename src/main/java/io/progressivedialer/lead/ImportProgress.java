package io.progressivedialer.lead;

import static io.progressivedialer.common.Timestamps.timestamp;

import io.progressivedialer.common.DialerException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * How far a lead import has got, in the database so that a poll answered by any node sees it. Each report is its own
 * short transaction beside the import's, which commits only at its end.
 */
@Component
public class ImportProgress {

    /** What the import has read of the file and how many of its rows it has checked and stored. */
    public record Snapshot(UUID importId, long charactersRead, int rowsRead, Instant updatedAt) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    ImportProgress(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void started(UUID importId, String campaignId) {
        try {
            jdbc.sql("""
                            insert into lead_import (id, campaign_id, characters_read, rows_read, updated_at)
                            values (?, ?, 0, 0, ?)""")
                    .params(importId.toString(), campaignId, timestamp(clock.instant())).update();
        } catch (DuplicateKeyException sentTwice) {
            throw DialerException.conflict("import " + importId + " is already running");
        }
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void reached(UUID importId, long charactersRead, int rowsRead) {
        jdbc.sql("update lead_import set characters_read = ?, rows_read = ?, updated_at = ? where id = ?")
                .params(charactersRead, rowsRead, timestamp(clock.instant()), importId.toString()).update();
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void ended(UUID importId) {
        jdbc.sql("delete from lead_import where id = ?").param(importId.toString()).update();
    }

    Optional<Snapshot> find(String campaignId, UUID importId) {
        return jdbc.sql("""
                        select characters_read, rows_read, updated_at from lead_import
                         where id = ? and campaign_id = ?""")
                .params(importId.toString(), campaignId)
                .query((row, n) -> new Snapshot(importId, row.getLong(1), row.getInt(2),
                        row.getTimestamp(3).toInstant()))
                .optional();
    }
}
