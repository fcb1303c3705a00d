package io.progressivedialer.exotel;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * What the Connect applet is told for each customer call of a campaign: how long the customer's phone rings, the
 * longest conversation, whether and how the call is recorded, a notice played to the customer as the call starts
 * (a recording notice, say) and what the agent hears while the customer's phone rings (an audio URL; none: the
 * operator's tone).
 */
public record ConnectSettings(@Min(5) @Max(60) int maxRingSeconds,
                              @Min(30) @Max(14_400) int maxCallSeconds,
                              boolean record,
                              @Pattern(regexp = "single|dual", message = "must be single or dual")
                              String recordingChannels,
                              @Size(max = 500) String recordingNotice,
                              @Size(max = 500) @Pattern(regexp = "https?://\\S+", message = "must be an audio URL")
                              String musicOnHold) {

    public static final ConnectSettings DEFAULTS = new ConnectSettings(30, 3600, true, "dual", null, null);
}
