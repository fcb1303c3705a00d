package io.progressivedialer.benchmark;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Where PostgreSQL's time goes, statement by statement ({@code pg_stat_statements}, loaded when the benchmark runs
 * with {@code -Dpostgres.statement-statistics=true}): emptied as a measured window opens, read as it closes.
 */
final class PostgresStatements {

    private final BenchmarkFloor floor;

    PostgresStatements(BenchmarkFloor floor) {
        this.floor = floor;
    }

    void reset() {
        execute(statement -> {
            statement.execute("create extension if not exists pg_stat_statements");
            statement.execute("select pg_stat_statements_reset()");
            statement.execute("select pg_stat_reset()");
            return null;
        });
    }

    /** The {@code limit} statements that took the most planning and execution time, per cycle, as a Markdown table. */
    String top(int limit, long cycles) {
        return execute(statement -> {
            StringBuilder table = new StringBuilder("""
                    | share of time | ms/cycle (plan + exec) | calls/cycle | rows/call | plans/call | plan ms/call \
                    | exec ms/call | blocks/call | statement |
                    |---|---|---|---|---|---|---|---|---|
                    """);
            try (ResultSet rows = statement.executeQuery("""
                    select total_plan_time + total_exec_time as total, total_plan_time, total_exec_time, calls, plans, rows,
                           shared_blks_hit + shared_blks_read as blocks, query,
                           sum(total_plan_time + total_exec_time) over () as everything
                    from pg_stat_statements where dbid = (select oid from pg_database where datname = current_database())
                    order by total desc limit %d""".formatted(limit))) {
                while (rows.next()) {
                    double total = rows.getDouble("total");
                    double calls = Math.max(1, rows.getLong("calls"));
                    table.append("| %.1f %% | %.3f | %.2f | %.1f | %.2f | %.3f | %.3f | %.1f | `%s` |\n".formatted(
                            100 * total / rows.getDouble("everything"), total / cycles, calls / cycles,
                            rows.getLong("rows") / calls, rows.getLong("plans") / calls,
                            rows.getDouble("total_plan_time") / calls,
                            rows.getDouble("total_exec_time") / calls, rows.getLong("blocks") / calls,
                            rows.getString("query").replaceAll("\\s+", " ").replace("|", "\\|")));
                }
            }
            return table.toString();
        });
    }

    /**
     * The tables written to in the window, most updated first: updates and how many of them were HOT (no index
     * touched), rows live and dead, vacuums, and the size of the table and of its indexes.
     */
    String tables() {
        return execute(statement -> {
            StringBuilder table = new StringBuilder("""
                    | table | inserts | updates | HOT updates | deletes | live rows | dead rows | autovacuums \
                    | table kB | indexes kB |
                    |---|---|---|---|---|---|---|---|---|---|
                    """);
            try (ResultSet rows = statement.executeQuery("""
                    select relname, n_tup_ins, n_tup_upd, n_tup_hot_upd, n_tup_del, n_live_tup, n_dead_tup,
                           autovacuum_count, pg_table_size(relid) / 1024 as table_kb,
                           pg_indexes_size(relid) / 1024 as indexes_kb
                    from pg_stat_user_tables where n_tup_ins + n_tup_upd + n_tup_del > 0
                    order by n_tup_upd + n_tup_ins + n_tup_del desc""")) {
                while (rows.next()) {
                    table.append("| %s | %d | %d | %d | %d | %d | %d | %d | %d | %d |\n".formatted(
                            rows.getString(1), rows.getLong(2), rows.getLong(3), rows.getLong(4), rows.getLong(5),
                            rows.getLong(6), rows.getLong(7), rows.getLong(8), rows.getLong(9), rows.getLong(10)));
                }
            }
            return table.toString();
        });
    }

    private interface Work<T> {
        T on(Statement statement) throws SQLException;
    }

    private <T> T execute(Work<T> work) {
        try (Connection connection = floor.connect(); Statement statement = connection.createStatement()) {
            return work.on(statement);
        } catch (SQLException e) {
            throw new IllegalStateException("pg_stat_statements could not be read", e);
        }
    }
}
