package io.progressivedialer.campaigns;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.progressivedialer.exotel.ConnectSettings;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * What is dialled, from which ExoPhone, through which Exotel flow, and when calling is allowed. A transactional
 * (whitelisted) campaign may call numbers on the DND registry. {@code wrapUpSeconds} of after-call work follow
 * every call; {@code status} says whether its sessions dial, wait or wind down; {@code connect} is what the Connect
 * applet is told for each customer call.
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
}
