package io.progressivedialer.desk;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Each agent's open screens on this node, as Server-Sent Events streams. Events are published through the database
 * ({@link DeskEvents}), so that a screen open on one node sees what another node handled, and a screen never shows
 * what was rolled back; {@link DeskEventRelay} brings them here. Resources are bounded: at most
 * {@value #MAX_SCREENS} streams per agent (a new one closes the oldest), a heartbeat every 15 s and a finite timeout
 * (the page reconnects), and events are written by a small pool with a bounded queue, so that a stalled browser can
 * never block the node.
 */
@Component
public class AgentEvents implements SmartLifecycle {

    static final int MAX_SCREENS = 3;
    private static final long TIMEOUT_MILLIS = Duration.ofMinutes(30).toMillis();

    private final Map<String, List<SseEmitter>> screens = new ConcurrentHashMap<>();
    /** Writers in stripes of one thread each: an agent's events keep their order, a stalled screen holds up few. */
    private final List<ThreadPoolExecutor> writers = IntStream.range(0, 4)
            .mapToObj(stripe -> new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(5_000),
                    new ThreadPoolExecutor.DiscardOldestPolicy()))
            .toList();
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor();
    private volatile boolean running;

    private final DeskEvents log;
    /** Who has a screen open on any node, as the relay last read it. */
    private volatile Set<String> audience = Set.of();

    AgentEvents(DeskEvents log) {
        this.log = log;
        heartbeat.scheduleAtFixedRate(this::beat, 15, 15, TimeUnit.SECONDS);
    }

    /** A comment line on every open stream: proxies keep it open, and a closed one is noticed and dropped. */
    private void beat() {
        screens.forEach((agentId, agentScreens) -> agentScreens.forEach(emitter -> writerOf(agentId).execute(() -> {
            try {
                emitter.send(SseEmitter.event().comment("heartbeat"));
            } catch (IOException | IllegalStateException closed) {
                agentScreens.remove(emitter);
            }
        })));
    }

    private ThreadPoolExecutor writerOf(String agentId) {
        return writers.get(Math.floorMod(agentId.hashCode(), writers.size()));
    }

    /** The wallboard's stream: every agent's state changes and sessions, under this key no agent id can take. */
    private static final String FLOOR = "";
    private static final int MAX_FLOOR_SCREENS = 20;

    SseEmitter subscribeFloor() {
        return subscribe(FLOOR);
    }

    /** To every open wallboard, once the transaction commits. */
    public void publishToFloor(String event, Object payload) {
        publish(FLOOR, event, payload);
    }

    SseEmitter subscribe(String agentId) {
        SseEmitter emitter = new SseEmitter(TIMEOUT_MILLIS);
        List<SseEmitter> agentScreens = screens.computeIfAbsent(agentId, id -> new CopyOnWriteArrayList<>());
        while (agentScreens.size() >= (agentId.isEmpty() ? MAX_FLOOR_SCREENS : MAX_SCREENS)) {
            SseEmitter oldest = agentScreens.remove(0);
            oldest.complete();
        }
        agentScreens.add(emitter);
        emitter.onCompletion(() -> agentScreens.remove(emitter));
        emitter.onTimeout(() -> agentScreens.remove(emitter));
        emitter.onError(e -> agentScreens.remove(emitter));
        send(emitter, agentScreens, "hello", Map.of("agentId", agentId));
        return emitter;
    }

    /**
     * Closes every screen's stream first when the application stops: an open stream is an active request, which
     * the web server's graceful shutdown would otherwise wait for. The screens reconnect to the next instance.
     */
    @Override
    public void stop() {
        running = false;
        heartbeat.shutdownNow();
        writers.forEach(ThreadPoolExecutor::shutdownNow);
        screens.values().forEach(agentScreens -> agentScreens.forEach(SseEmitter::complete));
        screens.clear();
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }

    /**
     * To the agent's screens, on whichever node they are open, once the transaction commits; nothing is written
     * when nobody watches.
     */
    public void publish(String agentId, String event, Object payload) {
        if (watched(agentId)) {
            log.append(agentId, event, payload);
        }
    }

    /**
     * Whether the agent has a screen open here, or had on another node at its last announcement (within a
     * second); a desk that opens reads its state afresh, so an event in that second is not missed.
     */
    public boolean watched(String agentId) {
        return audience.contains(agentId) || !screens.getOrDefault(agentId, List.of()).isEmpty();
    }

    /** Whether any wallboard watches. */
    public boolean floorWatched() {
        return watched(FLOOR);
    }

    void audience(Set<String> watchedAnywhere) {
        audience = watchedAnywhere;
    }

    boolean anyOpen() {
        return screens.values().stream().anyMatch(agentScreens -> !agentScreens.isEmpty());
    }

    /** The agents (and '' for the wallboard) with a screen open on this node. */
    Set<String> openHere() {
        return screens.entrySet().stream().filter(e -> !e.getValue().isEmpty()).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }

    /** Writes an event, already JSON, to the agent's screens on this node, in order. */
    void deliver(String agentId, String event, String json) {
        List<SseEmitter> agentScreens = screens.get(agentId);
        if (agentScreens == null || agentScreens.isEmpty()) {
            return;
        }
        writerOf(agentId).execute(() -> {
            for (SseEmitter emitter : agentScreens) {
                send(emitter, agentScreens, event, json);
            }
        });
    }

    private static void send(SseEmitter emitter, List<SseEmitter> agentScreens, String event, Object payload) {
        try {
            emitter.send(SseEmitter.event().name(event).data(payload, MediaType.APPLICATION_JSON));
        } catch (IOException | IllegalStateException closed) {
            agentScreens.remove(emitter);
        }
    }
}
