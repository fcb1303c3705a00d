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
    public static final String DIALLED_NUMBER = "dialledNumber";
    public static final String CURRENT_LEAD_ID = "currentLeadId";
    public static final String END_REASON = "endReason";
    /** Why selection found no lead: none left, or only leads still awaiting DND screening. */
    public static final String NO_LEAD_REASON = "noLeadReason";
    /** The session's status, for supervisors in Cockpit: CONNECTING, ACTIVE, STOPPING. */
    public static final String STATE = "state";

    /** Transient: they carry one webhook's facts through one transaction and are never stored. */
    public static final String CALL_RECORD_ID = "callRecordId";
    public static final String EVENT_TYPE = "eventType";
    public static final String AGENT_CALL_STATUS = "agentCallStatus";
    /** The dial-whom request being answered: Exotel's CurrentTime on it. */
    public static final String DIAL_REQUEST = "dialRequest";

    private SessionVariables() {
    }
}
