package io.progressivedialer.benchmark;

import io.progressivedialer.agents.Agent;
import io.progressivedialer.lead.Lead;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.progressivedialer.endtoend.DialerNode;
import io.progressivedialer.postgres.PostgresDatabase;
import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
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
 * are given to the dialer's JVM (a flight recording, for example).
 */
@Tag("benchmark")
class CallCycleBenchmark {

    static final String WEBHOOK_KEY = "demo-webhook-key";
    static final Path OUT = Path.of("target", "benchmarks");
    static final long TICKS_PER_SECOND = 100;
    /**
     * Whether the dialer counts its statements ({@code dialer.metrics.jdbc}): counting wraps every JDBC call and costs
     * CPU itself, so {@code -Dbench.count-statements=false} measures the CPU the dialer spends in production.
     */
    static final boolean COUNTING = Boolean.parseBoolean(System.getProperty("bench.count-statements", "true"));

    /** Signed in once through the login form: a password check per API call would cost the dialer a bcrypt each. */
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).build();
    private final ObjectMapper json = new ObjectMapper();

    record Run(String database, double offered, int run, OpenLoopLoad.Window window, double seconds,
               double dialerCpuSeconds, double databaseCpuSeconds, double statements, double commits,
               double loneReads) {

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
        int port = DialerNode.freePort();
        Path work = Files.createTempDirectory("cycle-benchmark");
        List<String> settings = new ArrayList<>(List.of(
                "--dialer.exotel.calls-per-minute=1000000", "--dialer.session.idle-timeout=PT1H"));
        if (COUNTING) {
            settings.add("--dialer.metrics.jdbc=true");
        }
        // e.g. -Dbench.settings=--spring.datasource.url=jdbc:h2:/tmp/cycles;AUTO_SERVER=TRUE, to look into its database
        String extra = System.getProperty("bench.settings", "");
        if (!extra.isBlank()) {
            settings.addAll(List.of(extra.split(" ")));
        }
        Map<String, String> environment = new HashMap<>();
        if (database.equals("postgresql")) {
            settings.add("--spring.profiles.active=postgres");
            environment.putAll(Map.of("DIALER_DB_URL", PostgresDatabase.newDatabase("cycles"),
                    "DIALER_DB_USER", "postgres", "DIALER_DB_PASSWORD", "postgres"));
        }
        // e.g. -Dbench.jvm-options=-XX:StartFlightRecording=delay=60s,duration=60s,filename=cycles.jfr,settings=profile
        String jvmOptions = System.getProperty("bench.jvm-options", "");
        if (!jvmOptions.isBlank()) {
            environment.put("JAVA_TOOL_OPTIONS", jvmOptions);
        }
        DialerNode node = DialerNode.startWithStandIn("cycles-" + database, port, work, settings, environment);
        try {
            URI dialer = URI.create("http://localhost:" + port);
            // a lead for every cycle offered, and some to spare
            int leads = (int) (rate * (warmUp.toSeconds() + measured.toSeconds()) * 1.2) + agentCount;
            List<OpenLoopLoad.Agent> agents = seed(dialer, agentCount, leads);
            OpenLoopLoad load = new OpenLoopLoad(dialer, WEBHOOK_KEY, agents);
            long[] cpu = new long[4];
            double[] counters = new double[6];
            long[] nanos = new long[2];
            OpenLoopLoad.Window window = load.run(rate, warmUp, measured, () -> {
                nanos[0] = System.nanoTime();
                cpu[0] = cpuTicks(node.pid());
                cpu[2] = postgresTicks();
                counters[0] = counter(dialer, "dialer_jdbc_statements_total");
                counters[2] = counter(dialer, "dialer_jdbc_commits_total");
                counters[4] = counter(dialer, "dialer_jdbc_lone_reads_total");
            }, () -> {
                nanos[1] = System.nanoTime();
                cpu[1] = cpuTicks(node.pid());
                cpu[3] = postgresTicks();
                counters[1] = counter(dialer, "dialer_jdbc_statements_total");
                counters[3] = counter(dialer, "dialer_jdbc_commits_total");
                counters[5] = counter(dialer, "dialer_jdbc_lone_reads_total");
            });
            return new Run(database, rate, run, window, (nanos[1] - nanos[0]) / 1e9,
                    (cpu[1] - cpu[0]) / (double) TICKS_PER_SECOND, (cpu[3] - cpu[2]) / (double) TICKS_PER_SECOND,
                    counters[1] - counters[0], counters[3] - counters[2], counters[5] - counters[4]);
        } finally {
            node.kill();
        }
    }

    /** A transactional campaign (no DND look-ups), its agents, pool leads, and each agent's session on the line. */
    private List<OpenLoopLoad.Agent> seed(URI dialer, int agentCount, int leadCount) throws Exception {
        cookies.getCookieStore().removeAll();
        signIn(dialer);
        post(dialer, "/api/campaigns", "application/json", json.writeValueAsString(Map.of("id", "cycles",
                "name", "cycles", "callerId", "07314853246", "flowAppId", "383431", "timezone", "Asia/Kolkata",
                "callWindowStart", "00:00", "callWindowEnd", "23:59", "transactional", true)));
        List<String> agentIds = IntStream.range(0, agentCount).mapToObj(a -> "agent-" + a).toList();
        for (int a = 0; a < agentCount; a++) {
            post(dialer, "/api/agents", "application/json", json.writeValueAsString(Map.of("id", agentIds.get(a),
                    "name", "Agent " + a, "phone", "+9180%08d".formatted(a))));
        }
        send(HttpRequest.newBuilder(dialer.resolve("/api/campaigns/cycles/agents"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(agentIds))));
        StringBuilder csv = new StringBuilder("phone,name,agent,priority,timezone\n");
        for (int l = 0; l < leadCount; l++) {
            csv.append("+9190%08d,Lead,,%d,\n".formatted(l, l % 10));
        }
        post(dialer, "/api/campaigns/cycles/leads", "text/csv", csv.toString());
        List<String> sessions = new ArrayList<>();
        for (String agent : agentIds) {
            sessions.add(json.readTree(post(dialer, "/api/sessions", "application/json",
                    json.writeValueAsString(Map.of("agentId", agent, "campaignId", "cycles")))).path("sessionId").asText());
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (true) {
            List<OpenLoopLoad.Agent> connected = new ArrayList<>();
            for (JsonNode state : json.readTree(send(HttpRequest.newBuilder(dialer.resolve("/api/sessions"))))) {
                if (!state.path("agentCallSid").asText().isEmpty()) {
                    int agent = Integer.parseInt(state.path("agentId").asText().substring("agent-".length()));
                    // the agent's phone as Exotel writes it in CallFrom
                    connected.add(new OpenLoopLoad.Agent(state.path("sessionId").asText(),
                            state.path("agentCallSid").asText(), "080%08d".formatted(agent)));
                }
            }
            if (connected.size() == sessions.size()) {
                return connected;
            }
            assertThat(System.nanoTime()).as("sessions connected: " + connected.size()).isLessThan(deadline);
            Thread.sleep(1000);
        }
    }

    private String post(URI dialer, String path, String type, String body) throws Exception {
        return send(HttpRequest.newBuilder(dialer.resolve(path)).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private void signIn(URI dialer) throws Exception {
        http.send(HttpRequest.newBuilder(dialer.resolve("/login")).build(), HttpResponse.BodyHandlers.discarding());
        HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(dialer.resolve("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=demo&password=demo&_csrf=" + csrfToken()))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).as("signed in").isEqualTo(302);
        http.send(HttpRequest.newBuilder(dialer.resolve("/api/me")).build(), HttpResponse.BodyHandlers.discarding());
    }

    private String csrfToken() {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                .map(HttpCookie::getValue).findFirst().orElseThrow();
    }

    private String send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> answer = http.send(request.header("X-XSRF-TOKEN", csrfToken()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isBetween(200, 299);
        return answer.body();
    }

    /** A counter's total; NaN when the dialer does not count statements. */
    private double counter(URI dialer, String name) {
        if (!COUNTING) {
            return Double.NaN;
        }
        try {
            String metrics = send(HttpRequest.newBuilder(dialer.resolve("/actuator/prometheus")));
            Matcher value = Pattern.compile("(?m)^" + name + "(\\{[^}]*})? ([0-9.eE+]+)$").matcher(metrics);
            double total = 0;
            while (value.find()) {
                total += Double.parseDouble(value.group(2));
            }
            return total;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** User and system CPU of a process, in clock ticks, from /proc. */
    private static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException gone) {
            return 0;
        }
    }

    /** The CPU of every PostgreSQL server process on this machine: the embedded server's. */
    private static long postgresTicks() {
        try (var processes = Files.list(Path.of("/proc"))) {
            return processes.filter(p -> p.getFileName().toString().matches("\\d+"))
                    .filter(p -> {
                        try {
                            return Files.readString(p.resolve("comm")).strip().equals("postgres");
                        } catch (IOException gone) {
                            return false;
                        }
                    })
                    .mapToLong(p -> cpuTicks(Long.parseLong(p.getFileName().toString())))
                    .sum();
        } catch (IOException e) {
            return 0;
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
