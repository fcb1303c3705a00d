package io.progressivedialer.calls;

/** What the agent (or the CRM) says a finished call came to; it overrides the automatic disposition. */
public enum AgentOutcome {
    INTERESTED,
    NOT_INTERESTED,
    /** Call again at the given time; the lead goes to this agent. */
    CALLBACK,
    /** The number is not the customer's: the next alternate number, or none. */
    WRONG_NUMBER,
    /** The customer asked never to be called again: the number joins the do-not-call list. */
    DO_NOT_CALL
}
