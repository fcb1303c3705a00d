package io.progressivedialer.session;

/** Where the agent is in the shift, as the session knows it; shown by the API, the desk and the wallboard. */
public enum AgentState {
    /** Free for the next customer. */
    READY,
    /** A customer's phone is ringing. */
    DIALLING,
    /** Talking to a customer. */
    ON_CALL,
    /** After-call work: notes and the outcome, before the next customer. */
    WRAP_UP,
    /** Not ready, with a reason: the agent's own pause, or the campaign's. */
    PAUSED,
    /** Ready, but no lead is dialable now; one falls due soon. */
    WAITING,
    /** Between calls, the agent's line is renewed before Exotel's time limit: Exotel rings the agent again. */
    RENEWING_LINE;

    /** Exotel's "ready?" check lets the flow on to the next customer only in these. */
    public boolean letsTheNextCustomerThrough() {
        return this == READY || this == DIALLING || this == ON_CALL;
    }
}
