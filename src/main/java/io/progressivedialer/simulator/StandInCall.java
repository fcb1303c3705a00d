package io.progressivedialer.simulator;

import java.time.LocalDateTime;
import java.util.concurrent.atomic.AtomicInteger;

/** One agent call placed through the stand-in's Calls/connect, as Exotel would keep it. */
final class StandInCall {

    final String sid;
    final String agentNumber;
    final String callerId;
    final String statusCallback;
    final String customField;
    final LocalDateTime created;
    final AtomicInteger customerCalls = new AtomicInteger();
    volatile String status = "in-progress";
    volatile LocalDateTime ended;

    StandInCall(String sid, String agentNumber, String callerId, String statusCallback, String customField,
                LocalDateTime created) {
        this.sid = sid;
        this.agentNumber = agentNumber;
        this.callerId = callerId;
        this.statusCallback = statusCallback;
        this.customField = customField;
        this.created = created;
    }
}
