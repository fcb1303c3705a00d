package io.progressivedialer.exotel;

/** The StatusCallback of Calls/connect: the agent's own call is over. */
public record AgentLegEnd(SessionRef session, String status, String recordingUrl) {
}
