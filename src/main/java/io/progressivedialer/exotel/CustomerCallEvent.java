package io.progressivedialer.exotel;

/** The Connect applet's popup: a customer call of the session was dialled, rang, was answered or ended. */
public record CustomerCallEvent(SessionRef session, String customerNumber, String eventType, String agentStatus) {
}
