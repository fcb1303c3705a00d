package io.progressivedialer.campaigns;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.progressivedialer.exotel.ConnectSettings;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * What is dialled, from which ExoPhone, through which Exotel flow, and when calling is allowed. A transactional
 * (whitelisted) campaign may call numbers on the DND registry. {@code wrapUpSeconds} of after-call work follow
 * every call; {@code status} says whether its sessions dial, wait or wind down; {@code connect} is what the Connect
 * applet is told for each customer call. A window that ends at 00:00 runs until midnight: 00:00-00:00 is the whole
 * day (a window's end is not part of it, and a time of day has no 24:00).
 */
public record Campaign(String id, String name, String callerId, String flowAppId, ZoneId timezone,
                       LocalTime callWindowStart, LocalTime callWindowEnd, boolean transactional, int wrapUpSeconds,
                       CampaignStatus status, @JsonUnwrapped ConnectSettings connect) {

    /** An active campaign without after-call work, with the default Connect settings. */
    public Campaign(String id, String name, String callerId, String flowAppId, ZoneId timezone,
                    LocalTime callWindowStart, LocalTime callWindowEnd, boolean transactional) {
        this(id, name, callerId, flowAppId, timezone, callWindowStart, callWindowEnd, transactional, 0,
                CampaignStatus.ACTIVE, ConnectSettings.DEFAULTS);
    }

    /** Whether the calling window runs until midnight. */
    public boolean windowEndsAtMidnight() {
        return callWindowEnd.equals(LocalTime.MIDNIGHT);
    }

    /** Whether the calling window is open at {@code now} in {@code zone}. */
    public boolean windowOpen(ZoneId zone, Instant now) {
        LocalTime localTime = now.atZone(zone).toLocalTime();
        return !localTime.isBefore(callWindowStart) && (windowEndsAtMidnight() || localTime.isBefore(callWindowEnd));
    }

    /**
     * When the calling window closes in {@code zone} on the day of {@code now} there; a window open all day never
     * closes, and is a day from closing whenever it is asked.
     */
    public Instant windowCloses(ZoneId zone, Instant now) {
        ZonedDateTime local = now.atZone(zone);
        if (windowEndsAtMidnight()) {
            return callWindowStart.equals(LocalTime.MIDNIGHT) ? local.plusDays(1).toInstant()
                    : local.toLocalDate().plusDays(1).atStartOfDay(zone).toInstant();
        }
        return local.with(callWindowEnd).toInstant();
    }

    /** When the calling window next opens in {@code zone} after {@code now}. */
    public Instant windowOpens(ZoneId zone, Instant now) {
        ZonedDateTime local = now.atZone(zone);
        ZonedDateTime opens = local.with(callWindowStart);
        return (opens.isAfter(local) ? opens : opens.plusDays(1)).toInstant();
    }
}
