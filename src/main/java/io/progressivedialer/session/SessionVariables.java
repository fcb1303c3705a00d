package io.progressivedialer.session;

/** The few process variables of an agent session, by name, as the BPMN and DMN read them. */
public final class SessionVariables {

    public static final String SESSION_ID = "sessionId";
    public static final String AGENT_ID = "agentId";
    public static final String CAMPAIGN_ID = "campaignId";
    public static final String AGENT_CALL_SID = "agentCallSid";
    public static final String CALLS_DIALLED = "callsDialled";
    public static final String OUTCOMES_RECORDED = "outcomesRecorded";
    public static final String CONSECUTIVE_UNANSWERED = "consecutiveUnanswered";
    public static final String STOP_REQUESTED = "stopRequested";
    /** The number dial-whom answers: a {@link StepFacts step fact}, as are the next step and the timers' times. */
    public static final String DIALLED_NUMBER = "dialledNumber";
    public static final String CURRENT_LEAD_ID = "currentLeadId";
    public static final String END_REASON = "endReason";
    /** The continue-dialing table's answer and, when it says stop, why (step facts). */
    public static final String KEEP_DIALING = "keepDialing";
    public static final String STOP_REASON = "stopReason";
    /** Why selection found no lead: none left, or only leads still awaiting DND screening (a step fact). */
    public static final String NO_LEAD_REASON = "noLeadReason";
    /** The agent asked for a pause, taken after the current call; its reason. */
    public static final String PAUSE_REQUESTED = "pauseRequested";
    public static final String PAUSE_REASON = "pauseReason";
    /** When the current pause began, and when it will have lasted too long (a step fact). */
    public static final String PAUSED_SINCE = "pausedSince";
    public static final String PAUSE_ENDS_AT = "pauseEndsAt";
    /** Calls whose after-call work has begun: one fewer than calls dialled means a wrap-up is owed. */
    public static final String WRAP_UPS_DONE = "wrapUpsDone";
    /** The agent's next step: WRAP_UP, PAUSE, WAIT or READY (a step fact). */
    public static final String NEXT_STEP = "nextStep";
    /** How long the after-call work lasts (ISO-8601); until when the agent waits for a lead to fall due (step facts).
     */
    public static final String WRAP_UP_DURATION = "wrapUpDuration";
    public static final String WAIT_UNTIL = "waitUntil";
    /** Since when the session has waited, unrung, for leads being screened. */
    public static final String SCREENING_WAIT_SINCE = "screeningWaitSince";
    /** The agent's line is being ended between calls, to be renewed once Exotel reports it ended. */
    public static final String RENEWING_LINE = "renewingLine";
    /** Whether the line runs out before another call, at dial-whom; whether to renew it, at its end (step facts). */
    public static final String LINE_RUNNING_OUT = "lineRunningOut";
    public static final String RENEW_LINE = "renewLine";
    /** The session's status, for supervisors in Cockpit: CONNECTING, ACTIVE, STOPPING. */
    public static final String STATE = "state";

    /** Transient: they carry one webhook's facts through one transaction and are never stored. */
    public static final String CALL_RECORD_ID = "callRecordId";
    public static final String EVENT_TYPE = "eventType";
    public static final String AGENT_CALL_STATUS = "agentCallStatus";
    /** The dial-whom request being answered: Exotel's CurrentTime on it. */
    public static final String DIAL_REQUEST = "dialRequest";
    /** When the session asking whom to dial began, for the continue-dialing table. */
    public static final String SESSION_STARTED_AT = "sessionStartedAt";
    /** When the agent's current line was asked for: it lasts Exotel's time limit from then at most. */
    public static final String LINE_STARTED_AT = "lineStartedAt";

    private SessionVariables() {
    }
}
