package io.progressivedialer.lead;

import java.time.LocalTime;
import java.time.ZoneId;

/**
 * What is dialled, from which ExoPhone, through which Exotel flow, and when calling is allowed. A transactional
 * (whitelisted) campaign may call numbers on the DND registry.
 */
public record Campaign(String id, String name, String callerId, String flowAppId, ZoneId timezone,
                       LocalTime callWindowStart, LocalTime callWindowEnd, boolean transactional) {
}
