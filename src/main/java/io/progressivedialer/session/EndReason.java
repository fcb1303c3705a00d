package io.progressivedialer.session;

/** Why a session ended; the BPMN has one end event for each. */
public final class EndReason {

    public static final String AGENT_HUNG_UP = "AGENT_HUNG_UP";
    public static final String AGENT_NOT_REACHED = "AGENT_NOT_REACHED";
    public static final String NO_LEADS = "NO_LEADS";
    /** The only leads left are still being screened against the DND registry. */
    public static final String LEADS_AWAITING_SCREENING = "LEADS_AWAITING_SCREENING";
    public static final String STOP_REQUESTED = "STOP_REQUESTED";
    public static final String SHIFT_OVER = "SHIFT_OVER";
    public static final String TOO_MANY_UNANSWERED = "TOO_MANY_UNANSWERED";
    /** The agent stayed paused on the line longer than dialer.pause.max-on-line. */
    public static final String PAUSED_TOO_LONG = "PAUSED_TOO_LONG";

    private EndReason() {
    }
}
