package io.progressivedialer.lead;

/** Whether a campaign's sessions dial, wait after their current call, or wind down. */
public enum CampaignStatus {
    ACTIVE,
    /** Sessions wait, not ready, after their current call; resuming carries on. */
    PAUSED,
    /** Sessions wind down after their current call. */
    STOPPED
}
