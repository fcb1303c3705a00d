package io.progressivedialer.lead;

import java.util.Set;

/** The names a lead's imported columns take: those they may not, and the one a header reaches the tables under. */
public final class ColumnNames {

    /**
     * Names an imported column may not take: the dialer's own facts about a lead and the session's own variables,
     * which the tables read beside them.
     */
    public static final Set<String> RESERVED = Set.of("priority", "attempts", "attemptsToday", "lastOutcome",
            "minutesSinceLastAttempt", "localHour", "localDayOfWeek", "withinCallWindow", "callbackDue", "ownLead",
            "timezone", "leadAgeDays", "campaignId", "agentId", "sessionId", "phone", "name", "agent",
            "attemptsLeft", "attemptsLeftToday", "leadScore", "eligible", "score", "dialCallStatus", "callType",
            "conversationSeconds", "causeCode", "cause", "hasAlternateNumber", "callsDialled", "sessionMinutes",
            "consecutiveUnanswered", "stopRequested", "minutesToShiftEnd", "leadsRemaining", "state", "endReason",
            "dialledNumber", "currentLeadId", "agentCallSid", "outcomesRecorded", "callRecordId", "eventType",
            "agentCallStatus", "dialRequest", "dialCallDuration", "recordingUrl", "disposition", "dialingDecision",
            "keepDialing", "stopReason", "recordingAvailableBy", "lineStartedAt", "renewingLine", "lineRunningOut",
            "renewLine", "screeningWaitSince");

    private ColumnNames() {
    }

    /**
     * The name a column reaches the tables under: its header, with each run of characters other than letters, digits
     * and {@code _} made one {@code _}, and a {@code _} before a leading digit ({@code Loan Amount}: {@code
     * Loan_Amount}; {@code 2nd phone}: {@code _2nd_phone}).
     */
    public static String factName(String header) {
        String name = header.strip().replaceAll("[^A-Za-z0-9_]+", "_");
        return name.isEmpty() || Character.isDigit(name.charAt(0)) ? "_" + name : name;
    }
}
