package io.progressivedialer.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import io.progressivedialer.campaigns.Campaign;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A calling window's end is not part of it, so a window that runs until midnight ends at 00:00, and 00:00-00:00 is
 * the whole day: a campaign that calls all day never closes, not even in the day's last minute (the sessions'
 * "minutes to shift end" is read from when it closes).
 */
class CallingWindowEndTest {

    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");

    @ParameterizedTest(name = "{0}-{1} at {2}: open {3}, closes {4}")
    @CsvSource(textBlock = """
            00:00, 00:00, 2026-07-14T18:29:30Z, true,  2026-07-15T18:29:30Z
            00:00, 00:00, 2026-07-14T18:30:00Z, true,  2026-07-15T18:30:00Z
            18:00, 00:00, 2026-07-14T12:29:59Z, false, 2026-07-14T18:30:00Z
            18:00, 00:00, 2026-07-14T18:29:59Z, true,  2026-07-14T18:30:00Z
            00:00, 23:59, 2026-07-14T18:29:30Z, false, 2026-07-14T18:29:00Z
            09:00, 21:00, 2026-07-14T15:29:59Z, true,  2026-07-14T15:30:00Z
            """)
    void aWindowEndingAtMidnightRunsToTheEndOfTheDay(LocalTime start, LocalTime end, Instant now, boolean open,
                                                      Instant closes) {
        Campaign campaign = new Campaign("c", "Campaign", "+917314853246", "1", KOLKATA, start, end, false);

        assertThat(campaign.windowOpen(KOLKATA, now)).isEqualTo(open);
        assertThat(campaign.windowCloses(KOLKATA, now)).isEqualTo(closes);
    }
}
