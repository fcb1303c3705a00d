package io.progressivedialer.common;

import java.sql.Timestamp;
import java.time.Instant;

/** Null-safe conversions between the database's timestamps and instants. */
public final class Timestamps {

    private Timestamps() {
    }

    public static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    public static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
