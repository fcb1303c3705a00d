package io.progressivedialer.common;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A where clause of equality filters, each present only when its value is given: the database then plans for
 * exactly those filters and uses their index, where {@code (? is null or column = ?)} would read the whole table.
 */
public final class Filters {

    private final List<String> conditions = new ArrayList<>();
    private final Map<String, Object> params = new HashMap<>();

    /** {@code column = value}, unless value is null. The column's name is the parameter's name. */
    public Filters equal(String column, Object value) {
        if (value != null) {
            conditions.add(column + " = :" + column);
            params.put(column, value instanceof Enum<?> constant ? constant.name() : value);
        }
        return this;
    }

    /** {@code column < value}, unless value is null. */
    public Filters before(String column, Instant value) {
        return compare(column, "<", "_before", value);
    }

    /** {@code column >= value}, unless value is null. */
    public Filters notBefore(String column, Instant value) {
        return compare(column, ">=", "_from", value);
    }

    private Filters compare(String column, String operator, String suffix, Instant value) {
        if (value != null) {
            conditions.add(column + " " + operator + " :" + column + suffix);
            params.put(column + suffix, Timestamp.from(value));
        }
        return this;
    }

    /**
     * Any of {@code columns} contains {@code text}, without regard to case, unless text is null: a search, which reads
     * every row the other filters leave.
     */
    public Filters containsAny(String text, String... columns) {
        if (text != null && !text.isBlank()) {
            List<String> any = new ArrayList<>();
            for (String column : columns) {
                any.add("lower(" + column + ") like :search escape '\\'");
            }
            conditions.add("(" + String.join(" or ", any) + ")");
            params.put("search", "%" + text.toLowerCase().replace("\\", "\\\\").replace("%", "\\%")
                    .replace("_", "\\_") + "%");
        }
        return this;
    }

    /** " where ..." with the filters given, or nothing. */
    public String where() {
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }

    public Map<String, Object> params() {
        return params;
    }
}
