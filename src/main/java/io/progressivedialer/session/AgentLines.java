package io.progressivedialer.session;

import io.progressivedialer.exotel.ExotelProperties;
import io.progressivedialer.campaigns.Campaign;
import java.time.Duration;
import java.time.Instant;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How long an agent's line holds: Exotel cuts it at {@code dialer.exotel.time-limit} (at most 4 hours), whatever is
 * going on, so a shift is a series of lines. A line is renewed between calls once what is left of it would not hold
 * another of the campaign's calls: its ringing, its longest conversation and {@code dialer.session.line-renewal-margin}.
 */
@Component
class AgentLines {

    /** A line that ended this close to its limit was cut by it. */
    private static final Duration CUT_TOLERANCE = Duration.ofSeconds(2);

    private final Duration timeLimit;
    private final Duration margin;

    AgentLines(ExotelProperties exotel, @Value("${dialer.session.line-renewal-margin:PT1M}") Duration margin) {
        this.timeLimit = exotel.timeLimit();
        this.margin = margin;
    }

    /**
     * Whether the line asked for at {@code startedAt} would not hold another of the campaign's calls begun now. Never
     * when a fresh line would not hold one either (a conversation as long as the time limit): renewing would not help.
     */
    boolean runningOut(Instant startedAt, Campaign campaign, Instant now) {
        Duration longestCall = Duration.ofSeconds(campaign.connect().maxRingSeconds()
                + (long) campaign.connect().maxCallSeconds()).plus(margin);
        return longestCall.compareTo(timeLimit) <= 0 && now.isAfter(startedAt.plus(timeLimit).minus(longestCall));
    }

    /** Whether the line asked for at {@code startedAt} and ended now was cut by Exotel at its time limit. */
    boolean reachedItsLimit(Instant startedAt, Instant now) {
        return !now.isBefore(startedAt.plus(timeLimit).minus(CUT_TOLERANCE));
    }
}
