package io.progressivedialer.exotel;

/**
 * What a webhook says about the session it belongs to: the agent leg's {@code CallSid} first, then the
 * {@code CustomField} (our session id), then the agent's number.
 */
public record SessionRef(String callSid, String agentNumber, String customField) {
}
