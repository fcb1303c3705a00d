package io.progressivedialer.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Does a cycle cost the same after a month of history as on the first morning? The dialer's database is given a
 * month of a busy floor's history first ({@link MonthOfHistory}: a million calls by default), then the open-loop call
 * cycle ({@link OpenLoopLoad}) runs at one rate for a long window, reported per tenth: cycles, failures, dial-whom
 * p50/p99, the dialer's and the database's CPU per cycle, statements per cycle, and how long the retention cleanup
 * ran in it. Both cleanups run during the run: the dialer's, looking every four minutes (nightly in production), finds
 * the history's oldest day of webhooks come due a third into the measured window, and Camunda's, its batch window
 * opened to the whole day, deletes the day of history past its 30 days. At the end: dial-whom p99 while the dialer's cleanup ran against outside it, and every table's rows and
 * bytes.
 *
 * <pre>
 * ./mvnw -B test -Pbenchmark -Dtest=SoakBenchmark -Dbench.db=postgresql -Dbench.rate=20 -Dbench.measure=PT20M
 * ./mvnw -B test -Pbenchmark -Dtest=SoakBenchmark -Dbench.db=h2 -Dbench.rate=20 -Dbench.measure=PT10M \
 *     -Dbench.history-written-in=PT12M
 * </pre>
 * Written to {@code target/benchmarks/soak-<db>.md}; the chart of every soak there to {@code soak.png}.
 */
@Tag("benchmark")
class SoakBenchmark {

    static final Path OUT = Path.of("target", "benchmarks");

    /** One tenth of the measured window. */
    record Tenth(int tenth, OpenLoopLoad.Window window, BenchmarkFloor.Reading from, BenchmarkFloor.Reading to,
                 double cleanupSeconds) {

        double seconds() {
            return (to.nanos() - from.nanos()) / 1e9;
        }

        double perCycle(double total) {
            return total / Math.max(1, window.cyclesCompleted());
        }

        double dialerCpuMillis() {
            return perCycle((to.dialerTicks() - from.dialerTicks()) * 1000.0 / BenchmarkFloor.TICKS_PER_SECOND);
        }

        double databaseCpuMillis() {
            return perCycle((to.databaseTicks() - from.databaseTicks()) * 1000.0 / BenchmarkFloor.TICKS_PER_SECOND);
        }

        double statements() {
            return perCycle(to.statements() - from.statements());
        }

        double dialWhom(double percentile) {
            Histogram histogram = window.latency().get("dial-whom");
            return histogram.getTotalCount() == 0 ? 0 : histogram.getValueAtPercentile(percentile) / 1000.0;
        }
    }

    @Test
    void aMonthOfHistoryThenALongRun() throws Exception {
        Files.createDirectories(OUT);
        String database = System.getProperty("bench.db", "h2");
        double rate = Double.parseDouble(System.getProperty("bench.rate", "20"));
        int agentCount = Integer.getInteger("bench.agents", 1000);
        int historyCalls = Integer.getInteger("bench.history-calls", 1_000_000);
        Duration warmUp = Duration.parse(System.getProperty("bench.warmup", "PT2M"));
        Duration measured = Duration.parse(System.getProperty("bench.measure", "PT20M"));
        int slices = 10;

        // the cleanup looks every four minutes (nightly in production): the written history's oldest day of webhooks
        // comes due within the measured window, as a night's webhooks do at the nightly cleanup
        List<String> settings = new ArrayList<>(List.of(
                "--dialer.retention.cron=0 */4 * * * *",
                "--camunda.bpm.generic-properties.properties.history-cleanup-batch-window-start-time=00:00",
                "--camunda.bpm.generic-properties.properties.history-cleanup-batch-window-end-time=23:59"));
        if (database.equals("h2")) {
            // a file the benchmark can reach beside the dialer (AUTO_SERVER), as a single node would keep its data
            settings.add("--spring.datasource.url=jdbc:h2:file:" + Files.createTempDirectory("soak-h2")
                    .resolve("dialer") + ";AUTO_SERVER=TRUE;LOCK_TIMEOUT=10000;QUERY_CACHE_SIZE=128");
        }
        try (BenchmarkFloor floor = BenchmarkFloor.start(database, "soak", true, settings)) {
            floor.seed(agentCount, (int) (rate * (warmUp.toSeconds() + measured.toSeconds()) * 1.2) + agentCount);
            floor.addCampaign("history");
            long seeding = System.nanoTime();
            try (Connection db = floor.connect()) {
                // due a third into the measured window: after the writing (5 minutes on PostgreSQL, 10 on H2: set
                // -Dbench.history-written-in=PT12M there), the floor's 2 minutes to be on the line, and the warm-up
                Duration written = Duration.parse(System.getProperty("bench.history-written-in", "PT5M"));
                new MonthOfHistory(database, historyCalls, agentCount, written.plusMinutes(2).plus(warmUp)
                        .plus(measured.dividedBy(3))).write(db);
                if (database.equals("postgresql")) {
                    execute(db, "analyze");
                }
            }
            double seedingSeconds = (System.nanoTime() - seeding) / 1e9;
            long historyStepsBefore = count(floor, "select count(*) from act_hi_actinst where id_ like 'history-%'");
            long webhooksBefore = count(floor, "select count(*) from webhook_inbox where idempotency_key like 'history:%'");

            OpenLoopLoad load = floor.load(floor.startSessions(agentCount));
            AtomicBoolean cleaning = new AtomicBoolean();
            AtomicLong cleanupPolls = new AtomicLong();
            ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor();
            poller.scheduleAtFixedRate(() -> {
                cleaning.set(floor.cleanupRunning());
                if (cleaning.get()) {
                    cleanupPolls.incrementAndGet();
                }
            }, 0, 250, TimeUnit.MILLISECONDS);
            load.splitDialWhomBy(cleaning::get);
            BenchmarkFloor.Reading[] readings = new BenchmarkFloor.Reading[slices + 1];
            long[] polls = new long[slices + 1];
            List<OpenLoopLoad.Window> windows = load.run(rate, warmUp, measured, slices, boundary -> {
                readings[boundary] = floor.read();
                polls[boundary] = cleanupPolls.get();
            });
            poller.shutdownNow();
            List<Tenth> tenths = new ArrayList<>();
            for (int t = 0; t < slices; t++) {
                tenths.add(new Tenth(t + 1, windows.get(t), readings[t], readings[t + 1],
                        (polls[t + 1] - polls[t]) * 0.25));
            }
            long historyStepsAfter = count(floor, "select count(*) from act_hi_actinst where id_ like 'history-%'");
            long webhooksAfter = count(floor, "select count(*) from webhook_inbox where idempotency_key like 'history:%'");
            String report = report(database, rate, agentCount, historyCalls, seedingSeconds, warmUp, tenths, windows,
                    historyStepsBefore - historyStepsAfter, webhooksBefore - webhooksAfter, tableSizes(floor));
            Files.writeString(OUT.resolve("soak-" + database + ".md"), report);
            Files.writeString(OUT.resolve("soak-" + database + ".tsv"), series(tenths));
            SoakChart.write(OUT, OUT.resolve("soak.png"));
            System.out.println(report);
            assertThat(tenths).allSatisfy(tenth -> assertThat(tenth.window().cyclesCompleted()).isPositive());
        }
    }

    private static void execute(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement()) {
            statement.execute(sql);
        }
    }

    private static long count(BenchmarkFloor floor, String sql) throws SQLException {
        try (Connection db = floor.connect(); Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Every table's rows and bytes (indexes included), the largest first. */
    private static Map<String, long[]> tableSizes(BenchmarkFloor floor) throws SQLException {
        Map<String, long[]> sizes = new TreeMap<>();
        try (Connection db = floor.connect(); Statement statement = db.createStatement()) {
            List<String> tables = new ArrayList<>();
            String list = floor.database.equals("postgresql")
                    ? "select tablename from pg_tables where schemaname = 'public'"
                    : "select table_name from information_schema.tables where table_schema = 'PUBLIC' "
                    + "and table_type = 'BASE TABLE'";
            try (ResultSet rows = statement.executeQuery(list)) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            if (floor.database.equals("postgresql")) {
                statement.execute("vacuum analyze");
            }
            for (String table : tables) {
                String bytes = floor.database.equals("postgresql")
                        ? "pg_total_relation_size('\"" + table + "\"')" : "disk_space_used('\"" + table + "\"')";
                try (ResultSet rows = statement.executeQuery("select count(*), " + bytes + " from \"" + table + "\"")) {
                    rows.next();
                    sizes.put(table.toLowerCase(), new long[] {rows.getLong(1), rows.getLong(2)});
                }
            }
        }
        return sizes;
    }

    private static String report(String database, double rate, int agents, int historyCalls, double seedingSeconds,
                                 Duration warmUp, List<Tenth> tenths, List<OpenLoopLoad.Window> windows,
                                 long historyStepsCleaned, long webhooksCleaned, Map<String, long[]> sizes) {
        StringBuilder out = new StringBuilder("### %s: %,d calls of history, then %.0f cycles a second, %d agents\n\n"
                .formatted(database, historyCalls, rate, agents));
        out.append("History written in %.0f s; warm-up %s; each tenth %.0f s.\n\n".formatted(seedingSeconds, warmUp,
                tenths.get(0).seconds()));
        out.append("""
                | tenth | completed/s | failed | dial-whom p50 / p99 ms | dialer CPU ms/cycle | db CPU ms/cycle \
                | statements/cycle | dialer cleanup running s |
                |---|---|---|---|---|---|---|---|
                """);
        for (Tenth t : tenths) {
            out.append("| %d | %.1f | %d | %.1f / %.1f | %.2f | %.2f | %.1f | %.1f |\n".formatted(t.tenth(),
                    t.window().cyclesCompleted() / t.seconds(), t.window().failures(), t.dialWhom(50), t.dialWhom(99),
                    t.dialerCpuMillis(), t.databaseCpuMillis(), t.statements(), t.cleanupSeconds()));
        }
        Tenth first = tenths.get(0);
        Tenth last = tenths.get(tenths.size() - 1);
        out.append("\nLast tenth against the first: dialer CPU %.2fx, db CPU %.2fx, statements %.2fx, dial-whom p99 %.2fx.\n"
                .formatted(last.dialerCpuMillis() / first.dialerCpuMillis(),
                        first.databaseCpuMillis() == 0 ? Double.NaN : last.databaseCpuMillis() / first.databaseCpuMillis(),
                        last.statements() / first.statements(), last.dialWhom(99) / first.dialWhom(99)));
        Histogram inCleanup = merged(windows, OpenLoopLoad.IN_CLEANUP);
        Histogram outside = merged(windows, OpenLoopLoad.OUTSIDE_CLEANUP);
        out.append("Dial-whom while the dialer's cleanup ran: %d requests, p99 %.1f ms; outside it: %d, p99 %.1f ms.\n"
                .formatted(inCleanup.getTotalCount(), inCleanup.getValueAtPercentile(99) / 1000.0,
                        outside.getTotalCount(), outside.getValueAtPercentile(99) / 1000.0));
        out.append(("Deleted during the run: %,d stored webhooks of the history (dialer's cleanup), %,d steps of its "
                + "Camunda history (Camunda's cleanup).\n").formatted(webhooksCleaned, historyStepsCleaned));
        long totalLeads = windows.stream().mapToLong(OpenLoopLoad.Window::numbersGivenTwice).max().orElse(0);
        out.append("Leads given twice: %d.\n\n".formatted(totalLeads));
        out.append("| table | rows | bytes |\n|---|---|---|\n");
        sizes.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]))
                .filter(e -> e.getValue()[0] > 0)
                .forEach(e -> out.append("| `%s` | %,d | %,d |\n".formatted(e.getKey(), e.getValue()[0],
                        e.getValue()[1])));
        return out.toString();
    }

    private static Histogram merged(List<OpenLoopLoad.Window> windows, String kind) {
        Histogram merged = new Histogram(3);
        windows.forEach(window -> merged.add(window.latency().get(kind)));
        return merged;
    }

    /** tenth, dialer CPU ms/cycle, db CPU ms/cycle, dial-whom p99 ms: what the chart draws. */
    private static String series(List<Tenth> tenths) {
        StringBuilder out = new StringBuilder();
        for (Tenth t : tenths) {
            out.append("%d\t%.3f\t%.3f\t%.3f%n".formatted(t.tenth(), t.dialerCpuMillis(), t.databaseCpuMillis(),
                    t.dialWhom(99)));
        }
        return out.toString();
    }
}
