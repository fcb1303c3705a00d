package io.progressivedialer.exotel;

import java.time.Instant;
import java.util.stream.Stream;

/**
 * The Passthru applet's report of a finished customer call. Exotel may mask {@code DialWhomNumber}; the
 * first leg's number names the same customer.
 */
public record CallOutcome(SessionRef session, String dialWhomNumber, String legNumber, String dialCallStatus,
                          String callType, int dialCallDuration, int conversationSeconds, String causeCode,
                          String cause, String recordingUrl, Instant recordingAvailableBy) {

    public Stream<String> customerNumbers() {
        return Stream.of(dialWhomNumber, legNumber).filter(n -> n != null);
    }
}
