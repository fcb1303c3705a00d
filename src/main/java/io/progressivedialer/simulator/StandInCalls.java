package io.progressivedialer.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** The agent calls the stand-in has placed, by Sid. */
@Component
@ExotelStandIn
public class StandInCalls {

    private final Map<String, StandInCall> calls = new ConcurrentHashMap<>();
    private final Queue<String> scriptedSids = new ConcurrentLinkedQueue<>();
    private final Queue<Integer> scriptedRefusals = new ConcurrentLinkedQueue<>();
    /** The status every number metadata request is answered with while Exotel refuses them; 0: answered. */
    private volatile int numbersRefusal;
    private final AtomicInteger numbersAsked = new AtomicInteger();
    private final AtomicInteger conversationsCut = new AtomicInteger();
    private final Queue<Instant> apiCalls = new ConcurrentLinkedQueue<>();
    private volatile Duration connectAnswerDelay = Duration.ZERO;
    private volatile Duration lookUpAnswerDelay = Duration.ZERO;
    private volatile Duration agentAnswerDelay;
    private volatile Integer rateLimitRemaining;

    /**
     * The Sids the next connects answer, in order, before random ones again: a scripted scenario can then
     * replay Exotel's documented sample webhooks, which name their own Sids.
     */
    public void answerNextConnectsWith(String... sids) {
        scriptedSids.addAll(List.of(sids));
    }

    /** The next {@code count} connects are refused with Exotel's error {@code status}, as Exotel does when it fails. */
    public void refuseNextConnects(int count, int status) {
        for (int i = 0; i < count; i++) {
            scriptedRefusals.add(status);
        }
    }

    /**
     * Each connect from now on places the call at once and answers only after {@code delay} (zero: at once), as
     * Exotel does on a slow day: the agent is being rung while the dialer still waits for the Sid.
     */
    public void answerConnectsAfter(Duration delay) {
        connectAnswerDelay = delay;
    }

    Duration connectAnswerDelay() {
        return connectAnswerDelay;
    }

    /**
     * Agents rung from now on answer after {@code delay} of real time, whatever the time scale, as people do (null:
     * after {@code dialer.simulator.ring-seconds}, scaled).
     */
    public void agentsAnswerAfter(Duration delay) {
        agentAnswerDelay = delay;
    }

    Optional<Duration> agentAnswerDelay() {
        return Optional.ofNullable(agentAnswerDelay);
    }

    /**
     * Each number metadata and Call Details request from now on is answered only after {@code delay} (zero: at
     * once), as Exotel does on a slow day.
     */
    public void answerLookUpsAfter(Duration delay) {
        lookUpAnswerDelay = delay;
    }

    Duration lookUpAnswerDelay() {
        return lookUpAnswerDelay;
    }

    /** From now on every API answer carries {@code X-RateLimit-Remaining: remaining} (null: none), as Exotel's do. */
    public void reportRateLimitRemaining(Integer remaining) {
        rateLimitRemaining = remaining;
    }

    Integer rateLimitRemaining() {
        return rateLimitRemaining;
    }

    /** While on, every number metadata (DND) request is answered 503, as when that API of Exotel's is down. */
    public void refuseNumbers(boolean refused) {
        refuseNumbersWith(refused ? 503 : 0);
    }

    /**
     * Every number metadata request answered with {@code status} from now on (0: answered again): 401 as after the
     * account's token was rotated, 403 as from a proxy, 503 as when that API is down.
     */
    public void refuseNumbersWith(int status) {
        numbersRefusal = status;
    }

    /** Notes an API call; the last hour's are kept. */
    void apiCalled() {
        Instant now = Instant.now();
        apiCalls.add(now);
        for (Instant oldest = apiCalls.peek(); oldest != null && oldest.isBefore(now.minus(Duration.ofHours(1)));
             oldest = apiCalls.peek()) {
            apiCalls.poll();
        }
    }

    /**
     * How many API calls (connects, Call Details, number metadata) the stand-in took in each {@code window} from
     * {@code since} (within the last hour), windows counted from the epoch: to see an account's rate limit kept.
     */
    public Map<Instant, Long> apiCallsPer(Duration window, Instant since) {
        long millis = window.toMillis();
        return apiCalls.stream().filter(at -> !at.isBefore(since)).collect(Collectors.groupingBy(
                at -> Instant.ofEpochMilli(Math.floorDiv(at.toEpochMilli(), millis) * millis), TreeMap::new,
                Collectors.counting()));
    }

    /** How many number metadata requests the stand-in was asked, refused ones included. */
    public int numbersAsked() {
        return numbersAsked.get();
    }

    /** Counts a number metadata request; the status it is refused with, 0 when it is answered. */
    int numbersRequestRefusal() {
        numbersAsked.incrementAndGet();
        return numbersRefusal;
    }

    Optional<Integer> nextRefusal() {
        return Optional.ofNullable(scriptedRefusals.poll());
    }

    /**
     * The agent's call ends as Exotel would record it, without any callback reaching the dialer: what a lost
     * StatusCallback looks like from the dialer's side.
     */
    public void endSilently(String sid, String status) {
        find(sid).ifPresent(call -> {
            call.status = status;
            call.ended = LocalDateTime.now(ZoneId.of("Asia/Kolkata"));
        });
    }

    StandInCall place(String agentNumber, String callerId, String statusCallback, String customField,
                      int timeLimitSeconds) {
        String sid = Optional.ofNullable(scriptedSids.poll())
                .orElseGet(() -> UUID.randomUUID().toString().replace("-", ""));
        StandInCall call = new StandInCall(sid, agentNumber, callerId, statusCallback, customField,
                LocalDateTime.now(ZoneId.of("Asia/Kolkata")), timeLimitSeconds);
        calls.put(sid, call);
        return call;
    }

    /** How many times the stand-in rang this agent's number: once per session, on a line that works. */
    public long timesRung(String agentNumber) {
        return callsTo(agentNumber).size();
    }

    /** The TimeLimit the connect of call {@code sid} asked for, in seconds; 0: none. */
    public int timeLimitOf(String sid) {
        return find(sid).map(call -> call.timeLimitSeconds).orElseThrow();
    }

    /** Notes a customer conversation cut because the agent's line reached its TimeLimit. */
    void conversationCut() {
        conversationsCut.incrementAndGet();
    }

    /** How many customer calls were cut by the agent's line reaching its TimeLimit. */
    public int conversationsCut() {
        return conversationsCut.get();
    }

    /** The Sids of the calls the stand-in placed to this agent's number. */
    public List<String> callsTo(String agentNumber) {
        return calls.values().stream().filter(call -> call.agentNumber.equals(agentNumber)).map(call -> call.sid)
                .toList();
    }

    Optional<StandInCall> find(String sid) {
        return Optional.ofNullable(calls.get(sid));
    }
}
