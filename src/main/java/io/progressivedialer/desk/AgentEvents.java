package io.progressivedialer.desk;

import io.progressivedialer.common.AfterCommit;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Each agent's open screens, as Server-Sent Events streams. An event raised inside a transaction is sent once it
 * commits, so that a screen never shows what was rolled back.
 */
@Component
public class AgentEvents implements SmartLifecycle {

    private static final long NO_TIMEOUT = 0L;

    private final Map<String, List<SseEmitter>> screens = new ConcurrentHashMap<>();
    private volatile boolean running;

    /** The wallboard's stream: every agent's state changes and sessions, under this key no agent id can take. */
    private static final String FLOOR = "";

    SseEmitter subscribeFloor() {
        return subscribe(FLOOR);
    }

    /** To every open wallboard, once the transaction commits. */
    public void publishToFloor(String event, Object payload) {
        publish(FLOOR, event, payload);
    }

    SseEmitter subscribe(String agentId) {
        SseEmitter emitter = new SseEmitter(NO_TIMEOUT);
        List<SseEmitter> agentScreens = screens.computeIfAbsent(agentId, id -> new CopyOnWriteArrayList<>());
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

    public void publish(String agentId, String event, Object payload) {
        AfterCommit.run(() -> deliver(agentId, event, payload));
    }

    private void deliver(String agentId, String event, Object payload) {
        List<SseEmitter> agentScreens = screens.getOrDefault(agentId, List.of());
        for (SseEmitter emitter : agentScreens) {
            send(emitter, agentScreens, event, payload);
        }
    }

    private static void send(SseEmitter emitter, List<SseEmitter> agentScreens, String event, Object payload) {
        try {
            emitter.send(SseEmitter.event().name(event).data(payload));
        } catch (IOException | IllegalStateException closed) {
            agentScreens.remove(emitter);
        }
    }
}
