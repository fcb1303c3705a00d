package io.progressivedialer.simulator;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.springframework.stereotype.Component;

/** The agent calls the stand-in has placed, by Sid. */
@Component
@ExotelStandIn
public class StandInCalls {

    private final Map<String, StandInCall> calls = new ConcurrentHashMap<>();
    private final Queue<String> scriptedSids = new ConcurrentLinkedQueue<>();

    /**
     * The Sids the next connects answer, in order, before random ones again: a scripted scenario can then
     * replay Exotel's documented sample webhooks, which name their own Sids.
     */
    public void answerNextConnectsWith(String... sids) {
        scriptedSids.addAll(java.util.List.of(sids));
    }

    StandInCall place(String agentNumber, String callerId, String statusCallback, String customField) {
        String sid = Optional.ofNullable(scriptedSids.poll())
                .orElseGet(() -> UUID.randomUUID().toString().replace("-", ""));
        StandInCall call = new StandInCall(sid, agentNumber, callerId, statusCallback, customField,
                LocalDateTime.now(ZoneId.of("Asia/Kolkata")));
        calls.put(sid, call);
        return call;
    }

    Optional<StandInCall> find(String sid) {
        return Optional.ofNullable(calls.get(sid));
    }
}
