package io.progressivedialer.lead;

public enum LeadStatus {
    /** Imported, never dialled. */
    NEW,
    /** Reserved by a session: its number was handed to Exotel and its outcome is awaited. */
    DIALLING,
    /** Dialled without a conversation; may be dialled again once due. */
    RETRY,
    /** A conversation took place. */
    CONTACTED,
    /** No more attempts allowed. */
    EXHAUSTED;

    public static boolean isDialable(LeadStatus status) {
        return status == NEW || status == RETRY;
    }
}
