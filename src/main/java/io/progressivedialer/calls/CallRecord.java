package io.progressivedialer.calls;

import java.time.Instant;

/**
 * One customer call of a session. {@code status} follows the call (dialling, ringing, answered) and ends
 * as Exotel's {@code DialCallStatus}, or {@code missing} when no outcome ever arrived. {@code agentOutcome} and
 * {@code notes} are the agent's own disposition; {@code selection} says why its lead was chosen; {@code agentId} and
 * {@code campaignId} are its session's.
 */
public record CallRecord(long id, String sessionId, long leadId, String agentCallSid, String number, String status,
                         String callType, Integer dialCallDuration, Integer conversationSeconds,
                         String recordingUrl, Instant recordingAvailableBy, String causeCode, String cause,
                         String leadStatus,
                         Boolean countsAsContact, Instant dialledAt, Instant answeredAt, Instant outcomeAt,
                         String agentOutcome, String notes, CallSelection selection, String agentId,
                         String campaignId) {

    public boolean hasOutcome() {
        return outcomeAt != null;
    }
}
