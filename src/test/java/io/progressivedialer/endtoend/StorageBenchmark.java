package io.progressivedialer.endtoend;

import io.progressivedialer.postgres.OnPostgres;
import io.progressivedialer.session.DialerSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a call costs the database in storage, on PostgreSQL: a floor of agents works through its leads (each call a
 * full cycle of Exotel's webhooks through the stand-in), and every table's growth in rows and bytes (with its indexes
 * and TOAST, after a vacuum) from the moment the leads were imported and screened is divided by the calls made. Written to target/storage.txt; the sizing guide
 * in README multiplies it out. Measures, does not judge.
 */
@Tag("benchmark")
@OnPostgres
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camunda.bpm.process-engine-name=storage",
        "dialer.demo.enabled=false",
        "dialer.exotel.calls-per-minute=100000",
        "dialer.simulator.time-scale=0.01",
        "dialer.dnd.screening-interval=PT0.05S",
        "dialer.session.screening-patience=PT2S"})
class StorageBenchmark extends StandInRun {

    static final int AGENTS = 20;
    static final int LEADS_PER_AGENT = 50;

    @Autowired
    JdbcClient jdbc;

    /** Each table of the dialer's schema: its rows and its bytes with indexes and TOAST, after a vacuum. */
    private Map<String, long[]> sizes() {
        jdbc.sql("vacuum analyze").update();
        Map<String, long[]> sizes = new java.util.TreeMap<>();
        jdbc.sql("""
                        select c.relname as name, pg_total_relation_size(c.oid) as bytes
                          from pg_class c join pg_namespace n on n.oid = c.relnamespace
                         where c.relkind = 'r' and n.nspname = current_schema()""")
                .query((rs, row) -> Map.entry(rs.getString("name"), rs.getLong("bytes"))).list()
                .forEach(table -> sizes.put(table.getKey(), new long[] {
                        jdbc.sql("select count(*) from \"" + table.getKey() + "\"").query(Long.class).single(),
                        table.getValue()}));
        return sizes;
    }

    @Test
    void bytesPerCall() throws InterruptedException, IOException {
        List<String> agentIds = seed("storage", AGENTS, LEADS_PER_AGENT, 0, "5");
        Map<String, long[]> before = sizes();
        long started = System.nanoTime();
        List<DialerSession> ended = runUntilAllEnded("storage", agentIds, Duration.ofMinutes(20));
        double seconds = (System.nanoTime() - started) / 1e9;
        Map<String, long[]> after = sizes();

        int calls = calls("storage").size();
        StringBuilder report = new StringBuilder("%d calls by %d agents in %.0f s on PostgreSQL; %d sessions%n%n"
                .formatted(calls, AGENTS, seconds, ended.size()));
        report.append("%-40s %10s %12s %10s %12s%n".formatted("table", "rows", "bytes", "rows/call", "bytes/call"));
        long totalGrowth = 0;
        for (Map.Entry<String, long[]> table : after.entrySet()) {
            long[] was = before.getOrDefault(table.getKey(), new long[2]);
            long rows = table.getValue()[0];
            long bytes = table.getValue()[1];
            long grown = bytes - was[1];
            totalGrowth += grown;
            if (rows > 0) {
                report.append("%-40s %10d %12d %10.2f %12.0f%n".formatted(table.getKey(), rows, bytes,
                        (double) (rows - was[0]) / calls, (double) grown / calls));
            }
        }
        report.append("%-40s %10s %12s %10s %12.0f%n".formatted("growth of all tables", "", "", "",
                (double) totalGrowth / calls));
        System.out.println(report);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "storage.txt"), report);
    }
}
