package io.progressivedialer.lead;

public enum LeadStatus {
    /** Imported, never dialled. */
    NEW,
    /** Reserved by a session: its number was handed to Exotel and its outcome is awaited. */
    DIALLING,
    /** Dialled without a conversation, or a callback was asked for; dialled again once due. */
    RETRY,
    /** A conversation took place. */
    CONTACTED,
    /** No more attempts allowed, or no number that works. */
    EXHAUSTED,
    /** On the national do-not-disturb registry, in a campaign that may not call such numbers. */
    DND,
    /** On the dialer's own do-not-call list. */
    DO_NOT_CALL,
    /** Taken out of dialling by an administrator, or its person erased. */
    REMOVED;

    /** A session may still dial the lead, once due. */
    public boolean isDialable() {
        return this == NEW || this == RETRY;
    }
}
