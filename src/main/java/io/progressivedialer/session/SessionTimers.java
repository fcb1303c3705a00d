package io.progressivedialer.session;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The agent-session process's timers, as ISO-8601 durations the BPMN reads by name. */
@Component("sessionTimers")
public class SessionTimers {

    private final Duration outcomeTimeout;
    private final Duration pauseRecheck;
    private final Duration budgetWait;

    SessionTimers(@Value("${dialer.session.outcome-timeout:PT10M}") Duration outcomeTimeout,
                  @Value("${dialer.pause.recheck:PT30S}") Duration pauseRecheck,
                  @Value("${dialer.exotel.budget-wait:PT5S}") Duration budgetWait) {
        this.outcomeTimeout = outcomeTimeout;
        this.pauseRecheck = pauseRecheck;
        this.budgetWait = budgetWait;
    }

    /**
     * How long a connect that found the Exotel API budget spent waits before it asks again: under the budget's
     * ten-second window, so that a new window's calls go to the waiting sessions soon after it opens.
     */
    public String getBudgetWait() {
        return budgetWait.toString();
    }

    /** How often a paused session looks again whether its campaign has resumed. */
    public String getPauseRecheck() {
        return pauseRecheck.toString();
    }

    public String getOutcomeTimeout() {
        return outcomeTimeout.toString();
    }
}
