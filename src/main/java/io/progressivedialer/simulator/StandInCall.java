package io.progressivedialer.simulator;

import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** One agent call placed through the stand-in's Calls/connect, as Exotel would keep it. */
final class StandInCall {

    final String sid;
    final String agentNumber;
    final String callerId;
    final String statusCallback;
    final String customField;
    final LocalDateTime created;
    /** Exotel's TimeLimit of the call, in seconds: the line is cut then, whatever goes on; 0: none. */
    final int timeLimitSeconds;
    final AtomicInteger customerCalls = new AtomicInteger();
    volatile String status = "in-progress";
    volatile LocalDateTime ended;
    /** A customer is being rung or talked to on this line. */
    volatile boolean customerOnLine;
    /** The customer calls the flow placed on this line, in order: Call Details' legs after the agent's. */
    final List<CustomerLeg> customerLegs = new CopyOnWriteArrayList<>();

    /** A customer call as Call Details reports it: its status and conversation seconds. */
    record CustomerLeg(String status, int onCallDuration) {
    }

    StandInCall(String sid, String agentNumber, String callerId, String statusCallback, String customField,
                LocalDateTime created, int timeLimitSeconds) {
        this.timeLimitSeconds = timeLimitSeconds;
        this.sid = sid;
        this.agentNumber = agentNumber;
        this.callerId = callerId;
        this.statusCallback = statusCallback;
        this.customField = customField;
        this.created = created;
    }
}
