package io.progressivedialer.session;

public enum SessionStatus {
    /** Exotel is ringing the agent. */
    CONNECTING,
    /** The agent answered and is being fed leads. */
    ACTIVE,
    /** No further lead will be given; the current call finishes. */
    STOPPING,
    ENDED
}
