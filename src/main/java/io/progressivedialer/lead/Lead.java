package io.progressivedialer.lead;

import java.time.Instant;

public record Lead(long id, String campaignId, String agentId, String phone, String name, int priority,
                   String timezone, String attributes, LeadStatus status, int attempts, String lastOutcome,
                   Instant lastAttemptAt, Instant nextAttemptAt, String reservedBy) {
}
