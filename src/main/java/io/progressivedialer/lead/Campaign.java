package io.progressivedialer.lead;

import java.time.LocalTime;
import java.time.ZoneId;

/** What is dialled, from which ExoPhone, through which Exotel flow, and when calling is allowed. */
public record Campaign(String id, String name, String callerId, String flowAppId, ZoneId timezone,
                       LocalTime callWindowStart, LocalTime callWindowEnd) {
}
