package io.progressivedialer.reports;

import java.time.LocalDate;
import java.util.Map;

/**
 * One day (in the campaign's time zone) of one agent on one campaign: calls and contacts, and where the agent's time
 * went. Average handle time is talk plus after-call work per call.
 */
public record DailyReport(LocalDate day, String campaignId, String agentId, int calls, int contacts,
                          double contactRate, long talkSeconds, long wrapUpSeconds, double averageHandleSeconds,
                          long pauseSeconds, Map<String, Long> pauseSecondsByReason, long waitingSeconds,
                          int leadsExhausted) {
}
