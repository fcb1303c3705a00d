package io.progressivedialer.common;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The database keeps every time as UTC, in columns without a zone, whatever the zone of the server or of the node
 * that wrote it: instants are written and read as UTC date-times, never through the JVM's default zone as
 * {@link java.sql.Timestamp} would.
 */
public final class Timestamps {

    private Timestamps() {
    }

    /** The column's UTC date-time as an instant; null stays null. */
    public static Instant instant(ResultSet rs, String column) throws SQLException {
        LocalDateTime utc = rs.getObject(column, LocalDateTime.class);
        return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
    }

    /** The column's UTC date-time as an instant; null stays null. */
    public static Instant instant(ResultSet rs, int column) throws SQLException {
        LocalDateTime utc = rs.getObject(column, LocalDateTime.class);
        return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
    }

    /** The instant as the UTC date-time to write; null stays null. */
    public static LocalDateTime timestamp(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
