package io.progressivedialer.session;

import io.progressivedialer.agents.Agent;
import io.progressivedialer.exotel.ExotelApi;
import io.progressivedialer.exotel.ExotelClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Exotel's StatusCallback can be delayed or lost: a session with no word of its agent for
 * {@code dialer.session.idle-timeout} (the agent's state unchanged) asks Exotel's Call Details API whether the agent's
 * call is still up, and when it is over takes Exotel's answer as the StatusCallback it missed. A sweep rather than a
 * timer in every session's loop, which cost the engine a job written and deleted twice a call. Safe on every node at
 * once: a node claims the question in the session's row before asking, and the answer is delivered under the
 * StatusCallback's own inbox key, so a late StatusCallback is a duplicate.
 */
@Component
class QuietSessions {

    private static final Logger log = LoggerFactory.getLogger(QuietSessions.class);

    private final SessionRepository sessions;
    private final SessionWebhooks webhooks;
    private final ExotelClient exotel;
    private final Clock clock;
    private final Duration idleTimeout;

    QuietSessions(SessionRepository sessions, SessionWebhooks webhooks, ExotelClient exotel, Clock clock,
                  @Value("${dialer.session.idle-timeout:PT5M}") Duration idleTimeout) {
        this.sessions = sessions;
        this.webhooks = webhooks;
        this.exotel = exotel;
        this.clock = clock;
        this.idleTimeout = idleTimeout;
    }

    @Scheduled(fixedDelayString = "${dialer.session.quiet-sweep-interval:PT30S}")
    void sweep() {
        askAboutQuietSessions(clock.instant());
    }

    /** Asks Exotel about each session quiet at {@code now}; outside any transaction, one session at a time. */
    void askAboutQuietSessions(Instant now) {
        Instant quietSince = now.minus(idleTimeout);
        for (DialerSession session : sessions.quiet(quietSince)) {
            if (!sessions.claimAskingAboutAgentCall(session.sessionId(), quietSince, now)) {
                continue; // another node asks
            }
            try {
                ExotelApi.Call call = exotel.callDetails(session.agentCallSid());
                if (call.isOver()) {
                    log.info("Agent call {} of session {} is {} by Exotel's account; no StatusCallback came",
                            session.agentCallSid(), session.sessionId(), call.status());
                    webhooks.agentLegEnded(session, call.status());
                }
            } catch (RuntimeException e) {
                log.warn("Could not ask Exotel about agent call {} of session {}; asked again after {}: {}",
                        session.agentCallSid(), session.sessionId(), idleTimeout, e.toString());
            }
        }
    }
}
