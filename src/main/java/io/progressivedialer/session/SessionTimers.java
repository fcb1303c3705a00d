package io.progressivedialer.session;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The agent-session process's timers, as ISO-8601 durations the BPMN reads by name. */
@Component("sessionTimers")
public class SessionTimers {

    private final Duration idleTimeout;
    private final Duration outcomeTimeout;

    SessionTimers(@Value("${dialer.session.idle-timeout:PT5M}") Duration idleTimeout,
                  @Value("${dialer.session.outcome-timeout:PT10M}") Duration outcomeTimeout) {
        this.idleTimeout = idleTimeout;
        this.outcomeTimeout = outcomeTimeout;
    }

    public String getIdleTimeout() {
        return idleTimeout.toString();
    }

    public String getOutcomeTimeout() {
        return outcomeTimeout.toString();
    }
}
