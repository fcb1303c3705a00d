package io.progressivedialer.campaigns;

/** Whether a campaign's sessions dial, wait after their current call, or wind down. */
public enum CampaignStatus {
    ACTIVE,
    /** Sessions wait, not ready, after their current call; resuming carries on. */
    PAUSED,
    /** Sessions wind down after their current call. */
    STOPPED,
    /** Stopped, its sessions ended, and put away: out of the lists the floor works from; its calls are kept. */
    ARCHIVED;

    /** Stopped for good: a stopped or archived campaign is not resumed. */
    public boolean isOver() {
        return this == STOPPED || this == ARCHIVED;
    }
}
