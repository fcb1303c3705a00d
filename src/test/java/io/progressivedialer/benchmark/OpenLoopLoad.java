package io.progressivedialer.benchmark;

import io.progressivedialer.agents.Agent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.HdrHistogram.Recorder;

/**
 * Exotel's side of many agents' calls, open loop: call cycles start at a fixed rate whatever the dialer's answers,
 * and each webhook of a cycle has its intended send time. A webhook whose agent is still waiting for the previous
 * answer goes as soon as that answer comes, and its latency is measured from its intended time all the same, so
 * that a slow dialer shows as slow and not as less load (no coordinated omission).
 *
 * <p>A cycle, as Exotel plays it for one agent: dial-whom; popups Dial, Ringing, Answered and Terminal; the
 * outcome Passthru; the "ready?" Passthru. Then the agent's next cycle, whenever the rate gives it its turn.
 */
final class OpenLoopLoad {

    /** The webhooks of a cycle, with when each is meant to go after the cycle starts. */
    enum Step {
        DIAL_WHOM("dial-whom", 0), DIAL("popup", 100), RINGING("popup", 500), ANSWERED("popup", 2_000),
        TERMINAL("popup", 4_000), PASSTHRU("passthru", 4_100), READY("ready", 4_200);

        final String kind;
        final long offsetMillis;

        Step(String kind, long offsetMillis) {
            this.kind = kind;
            this.offsetMillis = offsetMillis;
        }
    }

    /** An agent on the line: their session, the agent leg's CallSid, their phone. */
    record Agent(String sessionId, String callSid, String phone) {
    }

    /** What one measured window saw. */
    record Window(Map<String, org.HdrHistogram.Histogram> latency, Map<String, Long> sent, Map<String, Long> failed,
                  long cyclesStarted, long cyclesCompleted, long numbersGivenTwice) {

        long failures() {
            return failed.values().stream().mapToLong(Long::longValue).sum();
        }

        long requests() {
            return sent.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    static final String IN_CLEANUP = "dial-whom in cleanup";
    static final String OUTSIDE_CLEANUP = "dial-whom outside cleanup";

    private static final DateTimeFormatter EXOTEL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final LocalDateTime START = LocalDateTime.of(2026, 1, 1, 9, 0);

    private final URI dialer;
    private final String webhookKey;
    private final List<Agent> agents;
    private final HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(4))
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Recorder> latency = new LinkedHashMap<>();
    private final Map<String, AtomicLong> sent = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> failed = new ConcurrentHashMap<>();
    private final AtomicLong cyclesStarted = new AtomicLong();
    private final AtomicLong cyclesCompleted = new AtomicLong();
    private final AtomicLong exotelClock = new AtomicLong();
    private final Set<String> numbersGiven = ConcurrentHashMap.newKeySet();
    private final AtomicLong numbersGivenTwice = new AtomicLong();
    private volatile BooleanSupplier cleanupRunning;
    /** Each agent's cycle in flight: the next one waits for it. */
    private final Map<Integer, CompletableFuture<Void>> inFlight = new ConcurrentHashMap<>();

    OpenLoopLoad(URI dialer, String webhookKey, List<Agent> agents) {
        this.dialer = dialer;
        this.webhookKey = webhookKey;
        this.agents = agents;
        for (Step step : Step.values()) {
            latency.computeIfAbsent(step.kind, kind -> new Recorder(3));
            sent.computeIfAbsent(step.kind, kind -> new AtomicLong());
            failed.computeIfAbsent(step.kind, kind -> new AtomicLong());
        }
    }

    /**
     * Offers {@code cyclesPerSecond} for {@code warmUp}, then for {@code measured}, and answers what the measured
     * window saw; {@code atStart} and {@code atEnd} run as it opens and closes (to read CPU and counters).
     */
    Window run(double cyclesPerSecond, Duration warmUp, Duration measured, Runnable atStart, Runnable atEnd)
            throws InterruptedException {
        return run(cyclesPerSecond, warmUp, measured, 1, boundary -> (boundary == 0 ? atStart : atEnd).run()).get(0);
    }

    /**
     * As above, the measured time cut into {@code slices} windows of equal length, each answered apart;
     * {@code atBoundary} runs at the start of each (0 to slices - 1) and at the end of the last (slices).
     */
    List<Window> run(double cyclesPerSecond, Duration warmUp, Duration measured, int slices, IntConsumer atBoundary)
            throws InterruptedException {
        long periodNanos = (long) (1e9 / cyclesPerSecond);
        long begin = System.nanoTime() + 100_000_000L;
        long measureFrom = begin + warmUp.toNanos();
        long until = measureFrom + measured.toNanos();
        AtomicLong next = new AtomicLong();
        timer.scheduleAtFixedRate(() -> {
            // every cycle whose time has come, even if this timer ran late
            for (long k = next.get(); begin + k * periodNanos <= System.nanoTime() && begin + k * periodNanos < until;
                 k = next.incrementAndGet()) {
                startCycle((int) (k % agents.size()), begin + k * periodNanos, begin + k * periodNanos >= measureFrom);
            }
        }, 0, 1, TimeUnit.MILLISECONDS);
        sleepUntil(measureFrom);
        latency.values().forEach(Recorder::reset);
        resetCounts();
        atBoundary.accept(0);
        List<Window> windows = new ArrayList<>();
        for (int slice = 1; slice <= slices; slice++) {
            sleepUntil(measureFrom + measured.toNanos() * slice / slices);
            atBoundary.accept(slice);
            windows.add(window());
        }
        timer.shutdownNow();
        return windows;
    }

    /**
     * From now on each dial-whom's latency is also recorded as "dial-whom in cleanup" or "dial-whom outside cleanup",
     * as {@code cleanupRunning} says at the moment it is answered.
     */
    void splitDialWhomBy(BooleanSupplier cleanupRunning) {
        this.cleanupRunning = cleanupRunning;
        latency.computeIfAbsent(IN_CLEANUP, kind -> new Recorder(3));
        latency.computeIfAbsent(OUTSIDE_CLEANUP, kind -> new Recorder(3));
    }

    /** What was seen since the last window, counts and latencies started again. */
    private Window window() {
        Map<String, org.HdrHistogram.Histogram> histograms = latency.entrySet().stream().collect(Collectors.toMap(
                Map.Entry::getKey, e -> e.getValue().getIntervalHistogram(), (a, b) -> a, LinkedHashMap::new));
        Window window = new Window(histograms, counts(sent), counts(failed), cyclesStarted.getAndSet(0),
                cyclesCompleted.getAndSet(0), numbersGivenTwice.get());
        sent.values().forEach(count -> count.set(0));
        failed.values().forEach(count -> count.set(0));
        return window;
    }

    private void resetCounts() {
        sent.values().forEach(count -> count.set(0));
        failed.values().forEach(count -> count.set(0));
        cyclesStarted.set(0);
        cyclesCompleted.set(0);
    }

    private static Map<String, Long> counts(Map<String, AtomicLong> counts) {
        return counts.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get(),
                (a, b) -> a, LinkedHashMap::new));
    }

    private void startCycle(int agentIndex, long intendedNanos, boolean measured) {
        if (measured) {
            cyclesStarted.incrementAndGet();
        }
        Agent agent = agents.get(agentIndex);
        inFlight.compute(agentIndex, (index, previous) -> (previous == null ? CompletableFuture.<Void>completedFuture(null)
                : previous.exceptionally(failure -> null))
                .thenCompose(ready -> cycle(agent, intendedNanos, measured)));
    }

    /** One customer call for the agent, each webhook sent at its intended time or as soon as the last one answered. */
    private CompletableFuture<Void> cycle(Agent agent, long startNanos, boolean measured) {
        Map<String, String> flow = new LinkedHashMap<>();
        flow.put("CallSid", agent.callSid());
        flow.put("CallFrom", agent.phone());
        flow.put("CustomField", agent.sessionId());
        CompletableFuture<String> chain = send(Step.DIAL_WHOM, flow, startNanos, measured);
        CompletableFuture<Boolean> dialled = chain.thenApply(answer -> {
            JsonNode numbers = read(answer).path("destination").path("numbers");
            if (numbers.isEmpty()) {
                failed.get(Step.DIAL_WHOM.kind).incrementAndGet();
                return false;
            }
            String number = numbers.get(0).asText();
            if (!numbersGiven.add(number)) {
                numbersGivenTwice.incrementAndGet();
            }
            flow.put("DialWhomNumber", number);
            return true;
        });
        CompletableFuture<Boolean> done = dialled;
        for (Step step : List.of(Step.DIAL, Step.RINGING, Step.ANSWERED, Step.TERMINAL, Step.PASSTHRU, Step.READY)) {
            done = done.thenCompose(carryOn -> {
                if (!carryOn) {
                    return CompletableFuture.completedFuture(false);
                }
                return send(step, paramsOf(step, flow), startNanos + step.offsetMillis * 1_000_000, measured)
                        .thenApply(answer -> true);
            });
        }
        return done.thenAccept(completed -> {
            if (completed && measured) {
                cyclesCompleted.incrementAndGet();
            }
        });
    }

    private static Map<String, String> paramsOf(Step step, Map<String, String> flow) {
        Map<String, String> params = new LinkedHashMap<>(flow);
        switch (step) {
            case DIAL, RINGING, ANSWERED, TERMINAL -> {
                params.put("EventType", step == Step.DIAL ? "Dial" : step == Step.RINGING ? "Ringing"
                        : step == Step.ANSWERED ? "Answered" : "Terminal");
                params.put("Status", step == Step.TERMINAL ? "free" : "busy");
            }
            case PASSTHRU -> {
                params.put("DialCallStatus", "completed");
                params.put("CallType", "completed");
                params.put("DialCallDuration", "35");
                params.put("Legs[0][OnCallDuration]", "31");
            }
            default -> params.remove("DialWhomNumber");
        }
        return params;
    }

    /** Sends the webhook at {@code intendedNanos} (or at once if that has passed) and records its latency from it. */
    private CompletableFuture<String> send(Step step, Map<String, String> params, long intendedNanos,
                                           boolean measured) {
        long delay = intendedNanos - System.nanoTime();
        CompletableFuture<Void> due = delay <= 0 ? CompletableFuture.completedFuture(null)
                : CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(delay, TimeUnit.NANOSECONDS));
        return due.thenCompose(now -> {
            Map<String, String> withTime = new LinkedHashMap<>(params);
            // Exotel's CurrentTime, new for each webhook so that none looks like a repeat
            withTime.put("CurrentTime", EXOTEL_TIME.format(START.plusSeconds(exotelClock.incrementAndGet())));
            if (measured) {
                sent.get(step.kind).incrementAndGet();
            }
            return http.sendAsync(HttpRequest.newBuilder(uri(step, withTime)).timeout(Duration.ofSeconds(30)).GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
        }).handle((answer, failure) -> {
            if (measured) {
                long micros = Math.max(0, System.nanoTime() - intendedNanos) / 1_000;
                latency.get(step.kind).recordValue(micros);
                if (step == Step.DIAL_WHOM && cleanupRunning != null) {
                    latency.get(cleanupRunning.getAsBoolean() ? IN_CLEANUP : OUTSIDE_CLEANUP).recordValue(micros);
                }
            }
            if (failure != null || answer.statusCode() != 200) {
                if (measured) {
                    failed.get(step.kind).incrementAndGet();
                }
                throw new IllegalStateException(step + " failed: "
                        + (failure != null ? failure : answer.statusCode() + " " + answer.body()));
            }
            return answer.body();
        });
    }

    private URI uri(Step step, Map<String, String> params) {
        String query = params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        String path = step == Step.DIAL_WHOM ? "/exotel/dial-whom" : "/exotel/" + step.kind;
        return dialer.resolve(path + "?key=" + URLEncoder.encode(webhookKey, StandardCharsets.UTF_8) + "&" + query);
    }

    private JsonNode read(String body) {
        try {
            return json.readTree(body);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("unreadable answer: " + body, e);
        }
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long wait = nanos - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }
}
