package io.progressivedialer.desk;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Brings the desk events of every node to the screens connected to this one, in the order they were written,
 * within {@code dialer.desk.relay-interval}. An id skipped over may belong to a transaction that commits a moment
 * later: it is looked for again for {@link #GAP_PATIENCE}, then taken for a rollback.
 */
@Component
class DeskEventRelay {

    static final Duration GAP_PATIENCE = Duration.ofSeconds(5);
    /** Each node announces its screens every second; rows not seen for this long are a dead node's. */
    private static final Duration SCREEN_LIVE_WITHIN = Duration.ofSeconds(30);
    private final String nodeId = UUID.randomUUID().toString();
    /** The screens this node announced last. */
    private Set<String> announced = Set.of();
    private static final int MAX_GAP = 1000;
    private static final Duration KEEP = Duration.ofMinutes(10);

    private final DeskEvents events;
    private final AgentEvents screens;
    private final Clock clock;
    /** The highest id read; events up to it went to this node's screens. */
    private long watermark = -1;
    /** Ids skipped over, with when they were first missed. */
    private final Map<Long, Instant> missing = new HashMap<>();

    DeskEventRelay(DeskEvents events, AgentEvents screens, Clock clock) {
        this.events = events;
        this.screens = screens;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${dialer.desk.relay-interval:PT0.2S}")
    synchronized void relay() {
        if (watermark < 0 || !screens.anyOpen()) {
            // nobody here to show anything to: only keep up
            watermark = events.last();
            missing.clear();
            return;
        }
        Instant now = clock.instant();
        List<DeskEvents.Event> toShow = new ArrayList<>();
        if (!missing.isEmpty()) {
            List<DeskEvents.Event> late = events.withIds(missing.keySet());
            late.forEach(event -> missing.remove(event.id()));
            toShow.addAll(late);
            missing.values().removeIf(since -> since.plus(GAP_PATIENCE).isBefore(now));
        }
        for (DeskEvents.Event event : events.after(watermark, 1000)) {
            if (event.id() - watermark - 1 <= MAX_GAP) {
                for (long skipped = watermark + 1; skipped < event.id(); skipped++) {
                    missing.put(skipped, now);
                }
            }
            watermark = event.id();
            toShow.add(event);
        }
        toShow.forEach(event -> screens.deliver(event.agentId(), event.event(), event.payload()));
    }

    /** Tells the other nodes which screens are open here, and learns which are open anywhere. */
    @Scheduled(fixedDelayString = "PT1S")
    synchronized void announceScreens() {
        Set<String> open = screens.openHere();
        if (!open.isEmpty() || !announced.isEmpty()) {
            events.announce(nodeId, open, announced);
            announced = open;
        }
        screens.audience(events.watched(SCREEN_LIVE_WITHIN));
    }

    /** Events are for screens open now: kept ten minutes, on whichever node comes first. */
    @Scheduled(fixedDelayString = "PT1M")
    void forgetOldEvents() {
        events.deleteBefore(clock.instant().minus(KEEP));
    }
}
