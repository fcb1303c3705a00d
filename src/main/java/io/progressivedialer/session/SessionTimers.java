package io.progressivedialer.session;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The agent-session process's timers, as ISO-8601 durations the BPMN reads by name. */
@Component("sessionTimers")
public class SessionTimers {

    private final Duration outcomeTimeout;
    private final Duration pauseRecheck;

    SessionTimers(@Value("${dialer.session.outcome-timeout:PT10M}") Duration outcomeTimeout,
                  @Value("${dialer.pause.recheck:PT30S}") Duration pauseRecheck) {
        this.outcomeTimeout = outcomeTimeout;
        this.pauseRecheck = pauseRecheck;
    }

    /** How often a paused session looks again whether its campaign has resumed. */
    public String getPauseRecheck() {
        return pauseRecheck.toString();
    }

    public String getOutcomeTimeout() {
        return outcomeTimeout.toString();
    }
}
