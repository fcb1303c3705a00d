package io.progressivedialer.session;

import java.time.Instant;

/**
 * One agent's shift on the line: the row beside its agent-session process instance, with where the agent is now
 * ({@code agentState} since {@code agentStateSince}; {@code pauseReason} while paused). The agent's current line
 * ({@code agentCallSid}) was asked for at {@code lineStartedAt}; {@code lineRenewals} lines came before it. A connect
 * that last found the Exotel API budget spent waits for the next window since {@code budgetWaitSince}.
 */
public record DialerSession(String sessionId, String agentId, String campaignId, String processInstanceId,
                            String agentCallSid, String agentCallStatus, SessionStatus status, String endReason,
                            int callsMade, Long currentLeadId, Instant startedAt, Instant endedAt,
                            AgentState agentState, Instant agentStateSince, String pauseReason,
                            Instant lineStartedAt, int lineRenewals, Instant budgetWaitSince) {
}
