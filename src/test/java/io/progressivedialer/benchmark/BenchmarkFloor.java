package io.progressivedialer.benchmark;

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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * The dialer as the benchmarks load it: a JVM of its own with its production pool and thread settings and the
 * embedded Exotel stand-in answering only {@code Calls/connect}, on H2 or on PostgreSQL (embedded server, the
 * production {@code postgres} profile); a transactional campaign (no DND look-ups), its agents and pool leads, each
 * agent's session on the line; and what a benchmark reads of it: CPU and the statement counters.
 */
final class BenchmarkFloor implements AutoCloseable {

    static final String WEBHOOK_KEY = "demo-webhook-key";
    /**
     * The campaigns' and their leads' time zone: one where it is six in the morning as the benchmark starts, so that
     * the leads' local hour, which the tables read, is the same whatever the hour a run starts (the campaign calls all
     * day, 00:00-00:00).
     */
    static final String ZONE = morningZone();
    static final long TICKS_PER_SECOND = 100;

    final String database;
    /** The JDBC URL of the database the dialer uses: {@link #connect} reaches it beside the dialer. */
    private final String jdbcUrl;
    final URI dialer;
    private final DialerNode node;
    private final boolean counting;
    /** Signed in once through the login form: a password check per API call would cost the dialer a bcrypt each. */
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).build();
    private final ObjectMapper json = new ObjectMapper();

    private BenchmarkFloor(String database, String jdbcUrl, DialerNode node, int port, boolean counting) {
        this.database = database;
        this.jdbcUrl = jdbcUrl;
        this.node = node;
        this.dialer = URI.create("http://localhost:" + port);
        this.counting = counting;
    }

    /**
     * Starts the dialer on {@code database} (h2 or postgresql) with {@code settings} beside the benchmarks' own;
     * {@code counting}: whether it counts its statements ({@code dialer.metrics.jdbc}), which costs CPU itself.
     */
    static BenchmarkFloor start(String database, String name, boolean counting, List<String> settings)
            throws IOException, InterruptedException {
        int port = DialerNode.freePort();
        Path work = Files.createTempDirectory(name);
        List<String> all = new ArrayList<>(List.of(
                "--dialer.exotel.calls-per-minute=1000000", "--dialer.session.idle-timeout=PT1H"));
        if (counting) {
            all.add("--dialer.metrics.jdbc=true");
        }
        all.addAll(settings);
        Map<String, String> environment = new HashMap<>();
        String jdbcUrl = null;
        if (database.equals("postgresql")) {
            jdbcUrl = PostgresDatabase.newDatabase(name.replace('-', '_'));
            all.add("--spring.profiles.active=postgres");
            environment.putAll(Map.of("DIALER_DB_URL", jdbcUrl, "DIALER_DB_USER", "postgres",
                    "DIALER_DB_PASSWORD", "postgres"));
        } else if (settings.stream().anyMatch(s -> s.startsWith("--spring.datasource.url="))) {
            jdbcUrl = settings.stream().filter(s -> s.startsWith("--spring.datasource.url=")).findFirst().orElseThrow()
                    .substring("--spring.datasource.url=".length());
        }
        // e.g. -Dbench.jvm-options=-XX:StartFlightRecording=delay=60s,duration=60s,filename=cycles.jfr,settings=profile
        String jvmOptions = System.getProperty("bench.jvm-options", "");
        if (!jvmOptions.isBlank()) {
            environment.put("JAVA_TOOL_OPTIONS", jvmOptions);
        }
        DialerNode node = DialerNode.startWithStandIn(name + "-" + database, port, work, all, environment);
        BenchmarkFloor floor = new BenchmarkFloor(database, jdbcUrl, node, port, counting);
        floor.signIn();
        return floor;
    }

    /** The campaign "cycles" (transactional: no DND look-ups), {@code agentCount} agents, {@code leadCount} pool leads. */
    void seed(int agentCount, int leadCount) throws Exception {
        post("/api/campaigns", campaign("cycles"));
        List<String> agentIds = agentIds(agentCount);
        for (int a = 0; a < agentCount; a++) {
            post("/api/agents", json.writeValueAsString(Map.of("id", agentIds.get(a), "name", "Agent " + a,
                    "phone", "+9180%08d".formatted(a))));
        }
        send(HttpRequest.newBuilder(dialer.resolve("/api/campaigns/cycles/agents"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(agentIds))));
        StringBuilder csv = new StringBuilder("phone,name,agent,priority,timezone\n");
        for (int l = 0; l < leadCount; l++) {
            csv.append("+9190%08d,Lead,,%d,%s\n".formatted(l, l % 10, ZONE));
        }
        send(HttpRequest.newBuilder(dialer.resolve("/api/campaigns/cycles/leads")).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(csv.toString())));
    }

    /** Another campaign like "cycles", with no agents or leads of its own. */
    void addCampaign(String id) throws Exception {
        post("/api/campaigns", campaign(id));
    }

    private String campaign(String id) throws Exception {
        return json.writeValueAsString(Map.of("id", id, "name", id, "callerId", "07314853246", "flowAppId", "383431",
                "timezone", ZONE, "callWindowStart", "00:00", "callWindowEnd", "00:00",
                "transactional", true));
    }

    /** The tz database's fixed-offset zone (Etc/GMT-5 is five hours ahead of UTC) where it is about 06:00 now. */
    private static String morningZone() {
        int hoursAhead = Math.floorMod(6 - ZonedDateTime.now(ZoneOffset.UTC).getHour() + 12, 24) - 12;
        return hoursAhead > 0 ? "Etc/GMT-" + hoursAhead : "Etc/GMT+" + -hoursAhead;
    }

    static List<String> agentIds(int agentCount) {
        return IntStream.range(0, agentCount).mapToObj(a -> "agent-" + a).toList();
    }

    /** Starts every agent's session in "cycles" and waits until each is on the line. */
    List<OpenLoopLoad.Agent> startSessions(int agentCount) throws Exception {
        for (String agent : agentIds(agentCount)) {
            post("/api/sessions", json.writeValueAsString(Map.of("agentId", agent, "campaignId", "cycles")));
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
            if (connected.size() == agentCount) {
                return connected;
            }
            assertThat(System.nanoTime()).as("sessions connected: " + connected.size()).isLessThan(deadline);
            Thread.sleep(1000);
        }
    }

    OpenLoopLoad load(List<OpenLoopLoad.Agent> agents) {
        return new OpenLoopLoad(dialer, WEBHOOK_KEY, agents);
    }

    /** The dialer's CPU and the database server's, and the statement counters, as they stand now. */
    Reading read() {
        return new Reading(System.nanoTime(), cpuTicks(node.pid()), postgresTicks(),
                counter("dialer_jdbc_statements_total"), counter("dialer_jdbc_commits_total"),
                counter("dialer_jdbc_lone_reads_total"));
    }

    record Reading(long nanos, long dialerTicks, long databaseTicks, double statements, double commits,
                   double loneReads) {
    }

    /** A connection to the dialer's database, beside the dialer, for a benchmark that reads or writes it directly. */
    Connection connect() throws SQLException {
        return database.equals("postgresql") ? DriverManager.getConnection(jdbcUrl, "postgres", "postgres")
                : DriverManager.getConnection(jdbcUrl, "sa", "");
    }

    /** Whether the dialer's retention cleanup is running now ({@code dialer.housekeeping}'s active tasks). */
    boolean cleanupRunning() {
        try {
            JsonNode timer = json.readTree(send(HttpRequest.newBuilder(
                    dialer.resolve("/actuator/metrics/dialer.housekeeping"))));
            for (JsonNode measurement : timer.path("measurements")) {
                if (measurement.path("statistic").asText().equals("ACTIVE_TASKS")) {
                    return measurement.path("value").asDouble() > 0;
                }
            }
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    private void post(String path, String body) throws Exception {
        send(HttpRequest.newBuilder(dialer.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private void signIn() throws IOException, InterruptedException {
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
    private double counter(String name) {
        if (!counting) {
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
        return cpuTicks(pid, false);
    }

    /**
     * User and system CPU of a process, in clock ticks, from /proc; with {@code children}, also that of its children
     * that have exited, which a process's own figure loses.
     */
    private static long cpuTicks(long pid, boolean children) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long own = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return children ? own + Long.parseLong(fields[13]) + Long.parseLong(fields[14]) : own;
        } catch (IOException gone) {
            return 0;
        }
    }

    /**
     * The CPU of the PostgreSQL server on this machine (the embedded one): its live processes' and that of the
     * connections' processes that have ended (the pool renews its connections every 30 minutes), which the server's
     * main process has collected.
     */
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
                    .mapToLong(p -> cpuTicks(Long.parseLong(p.getFileName().toString()), true))
                    .sum();
        } catch (IOException e) {
            return 0;
        }
    }

    @Override
    public void close() throws InterruptedException {
        node.kill();
    }
}
