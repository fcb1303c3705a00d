package io.progressivedialer.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import io.progressivedialer.postgres.PostgresDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Call cycles per second as Exotel sends them, open loop ({@link OpenLoopLoad}), against the dialer in a JVM of its
 * own with its production pool and thread settings, on H2 (in that JVM) or PostgreSQL (embedded server, the
 * production {@code postgres} profile). Each run is a fresh dialer: agents on the line, pool leads, a warm-up at
 * the offered rate, then the measured window. Reported per run: cycles offered and completed, failures, latency
 * p50/p99/p99.9 per webhook from its intended send time, the dialer JVM's CPU per cycle (its /proc times) and the
 * database server's (PostgreSQL's processes), SQL statements, commits and reads outside a transaction per cycle
 * (the dialer's {@code dialer.metrics.jdbc} counters, unless {@code -Dbench.count-statements=false}).
 *
 * <pre>
 * ./mvnw -B test -Pbenchmark -Dtest=CallCycleBenchmark -Dbench.db=h2 -Dbench.rates=20,40 -Dbench.runs=3 \
 *     -Dbench.warmup=PT30S -Dbench.measure=PT3M
 * </pre>
 * Results are appended to {@code target/benchmarks/call-cycles.md} as each run ends. {@code -Dbench.jvm-options}
 * are given to the dialer's JVM (a flight recording, for example). With {@code -Dpostgres.statement-statistics=true}
 * a run on PostgreSQL also writes the statements that took its time ({@code postgres-statements-<rate>-<run>.md}).
 */
@Tag("benchmark")
class CallCycleBenchmark {

    static final Path OUT = Path.of("target", "benchmarks");
    /**
     * Whether the dialer counts its statements ({@code dialer.metrics.jdbc}): counting wraps every JDBC call and costs
     * CPU itself, so {@code -Dbench.count-statements=false} measures the CPU the dialer spends in production.
     */
    static final boolean COUNTING = Boolean.parseBoolean(System.getProperty("bench.count-statements", "true"));


    record Run(String database, double offered, int run, OpenLoopLoad.Window window, double seconds,
               double dialerCpuSeconds, double databaseCpuSeconds, double statements, double commits,
               double loneReads) {

        /** What the window saw, with the dialer's CPU and counters read as it opened and as it closed. */
        Run(String database, double offered, int run, OpenLoopLoad.Window window, BenchmarkFloor.Reading from,
            BenchmarkFloor.Reading to) {
            this(database, offered, run, window, (to.nanos() - from.nanos()) / 1e9,
                    (to.dialerTicks() - from.dialerTicks()) / (double) BenchmarkFloor.TICKS_PER_SECOND,
                    (to.databaseTicks() - from.databaseTicks()) / (double) BenchmarkFloor.TICKS_PER_SECOND,
                    to.statements() - from.statements(), to.commits() - from.commits(),
                    to.loneReads() - from.loneReads());
        }

        double completedPerSecond() {
            return window.cyclesCompleted() / seconds;
        }

        double perCycle(double total) {
            return total / Math.max(1, window.cyclesCompleted());
        }

        double failurePercent() {
            return 100.0 * window.failures() / Math.max(1, window.requests());
        }

        double percentile(String kind, double percentile) {
            Histogram histogram = window.latency().get(kind);
            return histogram.getTotalCount() == 0 ? 0 : histogram.getValueAtPercentile(percentile) / 1000.0;
        }
    }

    @Test
    void cyclesPerSecondAsExotelSendsThem() throws Exception {
        Files.createDirectories(OUT);
        List<String> databases = List.of(System.getProperty("bench.db", "h2").split(","));
        double[] rates = Arrays.stream(System.getProperty("bench.rates", "20").split(","))
                .mapToDouble(Double::parseDouble).toArray();
        int runs = Integer.getInteger("bench.runs", 3);
        int agents = Integer.getInteger("bench.agents", 1000);
        // the JIT compiler still takes a third of the machine a minute after start at 10 cycles/s; after two minutes
        // of load it takes a few per cent
        Duration warmUp = Duration.parse(System.getProperty("bench.warmup", "PT2M"));
        Duration measured = Duration.parse(System.getProperty("bench.measure", "PT3M"));
        List<Run> results = new ArrayList<>();
        for (String database : databases) {
            for (double rate : rates) {
                for (int run = 1; run <= runs; run++) {
                    results.add(run(database, rate, run, agents, warmUp, measured));
                    Files.writeString(OUT.resolve("call-cycles.md"), table(results));
                    LoadChart.write(results, OUT.resolve("call-cycles.png"));
                    System.out.println(table(results));
                }
            }
        }
        assertThat(results).allSatisfy(run -> assertThat(run.window().cyclesCompleted()).isPositive());
    }

    private Run run(String database, double rate, int run, int agentCount, Duration warmUp, Duration measured)
            throws Exception {
        List<String> settings = new ArrayList<>();
        // e.g. -Dbench.settings=--spring.datasource.url=jdbc:h2:/tmp/cycles;AUTO_SERVER=TRUE, to look into its database
        String extra = System.getProperty("bench.settings", "");
        if (!extra.isBlank()) {
            settings.addAll(List.of(extra.split(" ")));
        }
        try (BenchmarkFloor floor = BenchmarkFloor.start(database, "cycles", COUNTING, settings)) {
            // a lead for every cycle offered, and some to spare
            floor.seed(agentCount, (int) (rate * (warmUp.toSeconds() + measured.toSeconds()) * 1.2) + agentCount);
            OpenLoopLoad load = floor.load(floor.startSessions(agentCount));
            BenchmarkFloor.Reading[] readings = new BenchmarkFloor.Reading[2];
            PostgresStatements statements = database.equals("postgresql") && PostgresDatabase.STATEMENT_STATISTICS
                    ? new PostgresStatements(floor) : null;
            OpenLoopLoad.Window window = load.run(rate, warmUp, measured, () -> {
                readings[0] = floor.read();
                if (statements != null) {
                    statements.reset();
                }
            }, () -> readings[1] = floor.read());
            if (statements != null) {
                Files.writeString(OUT.resolve("postgres-statements-%.0f-%d.md".formatted(rate, run)),
                        statements.top(40, window.cyclesCompleted()) + "\n" + statements.tables());
            }
            return new Run(database, rate, run, window, readings[0], readings[1]);
        }
    }

    private static String counted(double perCycle) {
        return Double.isNaN(perCycle) ? "not counted" : "%.1f".formatted(perCycle);
    }

    static String table(List<Run> runs) {
        StringBuilder table = new StringBuilder("""
                | db | offered/s | run | completed/s | failed | dial-whom p50 / p99 / p99.9 ms \
                | popup p50 / p99 / p99.9 ms | passthru p50 / p99 / p99.9 ms | ready p50 / p99 / p99.9 ms \
                | dialer CPU ms/cycle | db CPU ms/cycle | statements/cycle | commits/cycle \
                | reads outside a transaction/cycle | lead given twice |
                |---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
                """);
        for (Run r : runs) {
            table.append("| %s | %.0f | %d | %.1f | %d (%.2f %%) |".formatted(r.database(), r.offered(), r.run(),
                    r.completedPerSecond(), r.window().failures(), r.failurePercent()));
            for (String kind : List.of("dial-whom", "popup", "passthru", "ready")) {
                table.append(" %.1f / %.1f / %.1f |".formatted(r.percentile(kind, 50), r.percentile(kind, 99),
                        r.percentile(kind, 99.9)));
            }
            table.append(" %.2f | %.2f | %s | %s | %s | %d |\n".formatted(
                    r.perCycle(r.dialerCpuSeconds() * 1000), r.perCycle(r.databaseCpuSeconds() * 1000),
                    counted(r.perCycle(r.statements())), counted(r.perCycle(r.commits())),
                    counted(r.perCycle(r.loneReads())), r.window().numbersGivenTwice()));
        }
        return table.toString();
    }
}
