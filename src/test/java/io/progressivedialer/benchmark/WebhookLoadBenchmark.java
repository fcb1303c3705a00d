package io.progressivedialer.benchmark;

import static io.progressivedialer.common.Timestamps.timestamp;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.progressivedialer.exotel.ExotelProperties;
import io.progressivedialer.lead.Agent;
import io.progressivedialer.lead.AgentRepository;
import io.progressivedialer.lead.Campaign;
import io.progressivedialer.lead.CampaignRepository;
import io.progressivedialer.lead.LeadRepository;
import io.progressivedialer.session.DialerSession;
import io.progressivedialer.session.SessionService;
import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Exotel's side of many agents' flows as fast as the dialer answers: {@value #WORKERS} connections at once, each
 * taking the next agent in turn through one call cycle (dial-whom, popups Dial and Answered, Passthru) over HTTP.
 * Reports completed cycles per second and p50/p99 per webhook kind for several numbers of agents and leads, and
 * beside each the same loop done by plain JDBC statements (reserve, log, release) as the floor. Run with
 * {@code ./mvnw -B test -Pbenchmark -Dtest=WebhookLoadBenchmark}; results in target/benchmarks/.
 */
@Tag("benchmark")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:load;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
        "spring.datasource.hikari.maximum-pool-size=40",
        "camunda.bpm.process-engine-name=load",
        "dialer.demo.enabled=false",
        "dialer.simulator.drive-flow=false",
        "dialer.exotel.calls-per-minute=10000000",
        "dialer.session.idle-timeout=PT1H",
        "logging.level.root=WARN"})
public class WebhookLoadBenchmark {

    static final int WORKERS = 32;
    static final Duration WARM_UP = Duration.ofSeconds(5);
    /** The first run's warm-up also lets the JIT compile the dialer's and the floor's paths. */
    static final Duration FIRST_WARM_UP = Duration.ofSeconds(30);
    static final Duration MEASURED = Duration.ofSeconds(15);
    static final String[] KINDS = {"dial-whom", "popup", "passthru"};
    static final OperatingSystemMXBean CPU = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /**
     * Agents and leads per run; 1M leads only with 1,000 agents, to compare with 10k at the same load.
     * {@code -Dload.runs=1000x10000,...} picks other runs, e.g. one run under a profiler.
     */
    static final int[][] RUNS =
            runs(System.getProperty("load.runs", "100x10000,1000x10000,5000x10000,1000x1000000"));

    @LocalServerPort
    int port;
    @Autowired
    CampaignRepository campaigns;
    @Autowired
    AgentRepository agents;
    @Autowired
    LeadRepository leads;
    @Autowired
    SessionService sessions;
    @Autowired
    ExotelProperties exotel;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transactions;

    private final HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(WORKERS)).build();
    private final ObjectMapper json = new ObjectMapper();
    private static final LocalDateTime START = LocalDateTime.of(2026, 1, 1, 9, 0);
    private static final DateTimeFormatter EXOTEL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private final AtomicLong clock = new AtomicLong();

    /** Cycles per second, and this JVM's CPU time per cycle (a database server of its own is not in it). */
    record Throughput(double cyclesPerSecond, double cpuMsPerCycle) {
    }

    record Result(String database, int agents, int leads, Throughput dialer, Throughput floor,
                  Map<String, double[]> latency) {

        double cycles() {
            return dialer.cyclesPerSecond();
        }

        double floorCycles() {
            return floor.cyclesPerSecond();
        }
    }

    @Test
    void cyclesPerSecondAndLatencyPerWebhook() throws Exception {
        List<Result> results = new ArrayList<>();
        Path out = Path.of("target", "benchmarks");
        Files.createDirectories(out);
        for (int run = 0; run < RUNS.length; run++) {
            results.add(run(run, RUNS[run][0], RUNS[run][1]));
            // written after each run, so that a long run's first figures are kept
            Files.writeString(out.resolve("webhook-load-" + database() + ".md"), table(results));
            LoadChart.write(results, out.resolve("webhook-load-" + database() + ".png"));
            System.out.println(table(results));
        }
        assertThat(results).allSatisfy(result -> assertThat(result.cycles()).isPositive());
    }

    protected String database() {
        return "h2";
    }

    private Result run(int run, int agentCount, int leadCount) throws Exception {
        String campaign = "load-" + agentCount + "-" + leadCount;
        List<DialerSession> agentSessions = seed(run, campaign, agentCount, leadCount);
        Map<String, ConcurrentLinkedQueue<Long>> latency = new LinkedHashMap<>();
        for (String kind : KINDS) {
            latency.put(kind, new ConcurrentLinkedQueue<>());
        }
        Duration warmUp = run == 0 ? FIRST_WARM_UP : WARM_UP;
        Throughput cycles = measure(inTurn(agentSessions, session -> cycle(session, latency)), warmUp, latency);
        Throughput floorCycles = measure(inTurn(agentSessions, session -> jdbcCycle(campaign, session)), warmUp, null);
        Map<String, double[]> percentiles = new LinkedHashMap<>();
        latency.forEach((kind, nanos) -> percentiles.put(kind, percentiles(nanos)));
        return new Result(database(), agentCount, leadCount, cycles, floorCycles, percentiles);
    }

    interface Cycle {
        boolean run() throws Exception;
    }

    interface SessionCycle {
        boolean run(DialerSession session) throws Exception;
    }

    /** Each run takes the agent whose turn it is through {@code cycle} and puts them back at the end of the line. */
    private static Cycle inTurn(List<DialerSession> agents, SessionCycle cycle) {
        ConcurrentLinkedQueue<DialerSession> turn = new ConcurrentLinkedQueue<>(agents);
        return () -> {
            DialerSession session = turn.poll();
            if (session == null) {
                return false;
            }
            try {
                return cycle.run(session);
            } finally {
                turn.add(session);
            }
        };
    }

    /** Cycles per second over {@link #MEASURED}, after {@code warmUp}; latencies are kept only while measured. */
    private Throughput measure(Cycle cycle, Duration warmUp, Map<String, ConcurrentLinkedQueue<Long>> latency)
            throws Exception {
        ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
        AtomicLong done = new AtomicLong();
        long measureFrom = System.nanoTime() + warmUp.toNanos();
        long until = measureFrom + MEASURED.toNanos();
        for (int w = 0; w < WORKERS; w++) {
            workers.submit(() -> {
                while (System.nanoTime() < until) {
                    if (cycle.run() && System.nanoTime() >= measureFrom) {
                        done.incrementAndGet();
                    }
                }
                return null;
            });
        }
        Thread.sleep(warmUp.toMillis());
        if (latency != null) {
            latency.values().forEach(ConcurrentLinkedQueue::clear);
        }
        long cpuFrom = CPU.getProcessCpuTime();
        workers.shutdown();
        assertThat(workers.awaitTermination(MEASURED.toSeconds() + 60, TimeUnit.SECONDS)).isTrue();
        long cpu = CPU.getProcessCpuTime() - cpuFrom;
        return new Throughput(done.get() / (double) MEASURED.toSeconds(), cpu / 1e6 / Math.max(1, done.get()));
    }

    /** One customer call as Exotel reports it; false when the dialer had no number left. */
    private boolean cycle(DialerSession session, Map<String, ConcurrentLinkedQueue<Long>> latency) throws IOException,
            InterruptedException {
        Map<String, String> flow = new LinkedHashMap<>();
        flow.put("CallSid", session.agentCallSid());
        flow.put("CallFrom", "0" + session.agentId().hashCode());
        // Exotel's CurrentTime, new for each question so that none looks like a repeat
        flow.put("CurrentTime", EXOTEL_TIME.format(START.plusSeconds(clock.incrementAndGet())));
        flow.put("CustomField", session.sessionId());
        JsonNode numbers = json.readTree(timed("dial-whom", "/exotel/dial-whom", flow, latency))
                .path("destination").path("numbers");
        if (numbers.isEmpty()) {
            return false;
        }
        flow.put("DialWhomNumber", numbers.get(0).asText());
        flow.put("EventType", "Dial");
        flow.put("Status", "busy");
        timed("popup", "/exotel/popup", flow, latency);
        flow.put("EventType", "Answered");
        timed("popup", "/exotel/popup", flow, latency);
        flow.remove("EventType");
        flow.remove("Status");
        flow.put("DialCallStatus", "completed");
        flow.put("CallType", "completed");
        flow.put("DialCallDuration", "35");
        flow.put("Legs[0][OnCallDuration]", "31");
        timed("passthru", "/exotel/passthru", flow, latency);
        return true;
    }

    private String timed(String kind, String path, Map<String, String> params,
                         Map<String, ConcurrentLinkedQueue<Long>> latency) throws IOException, InterruptedException {
        String query = params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        URI uri = URI.create("http://localhost:" + port + path + "?key="
                + URLEncoder.encode(exotel.webhookKey(), StandardCharsets.UTF_8) + "&" + query);
        long start = System.nanoTime();
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        latency.get(kind).add(System.nanoTime() - start);
        assertThat(answer.statusCode()).as(path + " " + answer.body()).isEqualTo(200);
        return answer.body();
    }

    /**
     * The floor: the same cycle's database work as plain statements, one transaction per webhook as the dialer
     * has, without the engine, the tables or HTTP: take the best due pool lead, log the call, follow it, release it.
     * The lead is taken as the dialer takes it: the best due ones read in index order without locks, then the
     * first of them not locked by another worker locked by id. ({@code ORDER BY ... FOR UPDATE SKIP LOCKED} in
     * one statement is no floor: H2 then sorts every candidate instead of reading the index in order.)
     */
    private boolean jdbcCycle(String campaign, DialerSession session) {
        Instant now = Instant.now();
        long[] call = transactions.execute(dialWhom -> {
            List<Long> lead = jdbc.sql("""
                            select id from lead where campaign_id = ? and agent_id is null and status = 'NEW'
                             order by campaign_id, agent_id, status, priority desc, id fetch first ? rows only""")
                    .params(campaign, WORKERS + 1).query(Long.class).list().stream()
                    .filter(id -> jdbc.sql("select id from lead where id = ? and status = 'NEW' for update skip locked")
                            .param(id).query(Long.class).optional().isPresent())
                    .limit(1)
                    .toList();
            if (lead.isEmpty()) {
                return null;
            }
            jdbc.sql("update lead set status = 'DIALLING', reserved_by = ?, attempts = attempts + 1 where id = ?")
                    .params(session.sessionId(), lead.get(0)).update();
            jdbc.sql("""
                            insert into call_record (session_id, lead_id, number, status, dialled_at)
                            values (?, ?, '+919000000000', 'dialling', ?)""")
                    .params(session.sessionId(), lead.get(0), timestamp(now)).update();
            return new long[] {lead.get(0), jdbc.sql("select max(id) from call_record where session_id = ?")
                    .param(session.sessionId()).query(Long.class).single()};
        });
        if (call == null) {
            return false;
        }
        for (String status : new String[] {"ringing", "answered"}) {
            transactions.executeWithoutResult(popup -> jdbc.sql("update call_record set status = ? where id = ?")
                    .params(status, call[1]).update());
        }
        transactions.executeWithoutResult(passthru -> {
            jdbc.sql("update call_record set status = 'completed', outcome_at = ? where id = ?")
                    .params(timestamp(now), call[1]).update();
            // back to the pool rather than closed: the floor goes through leads far faster than the dialer and
            // would run out of them before its measurement ends
            jdbc.sql("update lead set status = 'NEW', reserved_by = null where id = ?").param(call[0]).update();
        });
        return true;
    }

    /** A transactional campaign (no DND lookups: the figures are the dialer's own), its agents and pool leads. */
    private List<DialerSession> seed(int run, String campaign, int agentCount, int leadCount)
            throws InterruptedException {
        campaigns.save(new Campaign(campaign, campaign, "+917314853246", "383431", ZoneId.of("Asia/Kolkata"),
                LocalTime.MIDNIGHT, LocalTime.of(23, 59), true));
        Instant now = Instant.now();
        List<LeadRepository.NewLead> batch = new ArrayList<>();
        for (int i = 0; i < leadCount; i++) {
            batch.add(new LeadRepository.NewLead(campaign, null, "+919%d%08d".formatted(run, i),
                    "Lead", i % 10, null, null, List.of(), null));
            if (batch.size() == 10_000) {
                leads.insertAll(batch, now, true);
                batch.clear();
            }
        }
        leads.insertAll(batch, now, true);
        List<String> sessionIds = new ArrayList<>();
        for (int a = 0; a < agentCount; a++) {
            String agent = campaign + "-agent-" + a;
            agents.save(new Agent(agent, "Agent " + a, "+9180%d%06d".formatted(run, a)));
            campaigns.addAgent(campaign, agent);
            sessionIds.add(sessions.start(agent, campaign).sessionId());
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        List<DialerSession> connected;
        do {
            Thread.sleep(500);
            connected = sessionIds.stream().map(sessions::get).filter(s -> s.agentCallSid() != null).toList();
        } while (connected.size() < agentCount && System.nanoTime() < deadline);
        assertThat(connected).hasSize(agentCount);
        return connected;
    }

    private static int[][] runs(String runs) {
        return Arrays.stream(runs.split(","))
                .map(run -> Arrays.stream(run.trim().split("x")).mapToInt(Integer::parseInt).toArray())
                .toArray(int[][]::new);
    }

    private static double[] percentiles(ConcurrentLinkedQueue<Long> nanos) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        if (sorted.length == 0) {
            return new double[] {0, 0};
        }
        return new double[] {sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.99)] / 1e6};
    }

    private static String table(List<Result> results) {
        StringBuilder table = new StringBuilder("""
                | database | agents | leads | cycles/s | JDBC floor cycles/s | dialer / floor \
                | JVM CPU ms per cycle, dialer / floor | dial-whom p50 / p99 ms | popup p50 / p99 ms \
                | passthru p50 / p99 ms |
                |---|---|---|---|---|---|---|---|---|---|
                """);
        for (Result r : results) {
            table.append("| %s | %,d | %,d | %.1f | %.1f | %.2f | %.1f / %.1f |".formatted(r.database(), r.agents(),
                    r.leads(), r.cycles(), r.floorCycles(), r.cycles() / r.floorCycles(), r.dialer().cpuMsPerCycle(),
                    r.floor().cpuMsPerCycle()));
            for (String kind : KINDS) {
                double[] p = r.latency().get(kind);
                table.append(" %.1f / %.1f |".formatted(p[0], p[1]));
            }
            table.append('\n');
        }
        return table.toString();
    }
}
