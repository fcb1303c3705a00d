package io.progressivedialer.lead;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A customer to call. {@code phoneIndex} says which of its numbers is dialled next: 0 for the main phone, n for
 * the nth of {@code altPhones}. {@code ready}: the tables may be asked about it now; {@code setAside}: why they said
 * not now, until {@code nextAttemptAt}. {@code attributes}: the imported columns, kept as a JSON object and shown as
 * one.
 */
public record Lead(long id, String campaignId, String agentId, String phone, String name, int priority,
                   String timezone, @JsonRawValue String attributes, LeadStatus status, int attempts,
                   String lastOutcome, Instant lastAttemptAt, Instant nextAttemptAt, String reservedBy,
                   List<String> altPhones, int phoneIndex, Instant callbackAt, int attemptsToday, LocalDate attemptsDay,
                   Instant createdAt, boolean ready, String setAside) {

    public Lead {
        altPhones = altPhones == null ? List.of() : List.copyOf(altPhones);
    }

    public String numberToDial() {
        return phoneIndex == 0 || phoneIndex > altPhones.size() ? phone : altPhones.get(phoneIndex - 1);
    }

    public boolean hasAlternateAfterCurrent() {
        return phoneIndex < altPhones.size();
    }

    /** Attempts made on {@code today}, the lead's local date. */
    public int attemptsOn(LocalDate today) {
        return today.equals(attemptsDay) ? attemptsToday : 0;
    }
}
